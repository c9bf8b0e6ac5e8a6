namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>A value a recogniser found in the text, before it is placed on a page.</summary>
internal readonly record struct FieldCandidate(string Kind, string Value, int Start, int Length, double Confidence)
{
    public int End => Start + Length;

    public bool Overlaps(FieldCandidate other) => Start < other.End && other.Start < End;
}
