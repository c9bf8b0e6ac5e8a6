using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Scoring;

/// <summary>
/// Compares one field of two people and says which agreement level they reach. Levels are ordered strongest first; the
/// last is "different". <see cref="Missing"/> means one side has no value: it adds no evidence either way.
/// </summary>
public abstract class FieldComparison
{
    /// <summary>The level returned when either side has no value.</summary>
    public const int Missing = -1;

    /// <summary>The field's name, as shown in explanations.</summary>
    public abstract string Name { get; }

    /// <summary>Level names, strongest agreement first, "different" last.</summary>
    public abstract IReadOnlyList<string> Levels { get; }

    /// <summary>The level of agreement, or <see cref="Missing"/>.</summary>
    public abstract int Compare(NormalisedPerson a, NormalisedPerson b);

    /// <summary>
    /// For a term-frequency adjusted field, the share of records holding the agreed value when the pair is at level 0;
    /// 0 when the field has no adjustment.
    /// </summary>
    public virtual double ExactValueShare(NormalisedPerson a, NormalisedPerson b) => 0;
}
