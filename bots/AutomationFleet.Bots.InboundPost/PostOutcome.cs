using System.Text.Json.Serialization;

namespace AutomationFleet.Bots.InboundPost;

/// <summary>
/// The inbound-post bot's outcome: where the post goes and what was found in it. <see cref="ServiceMailbox"/> is the
/// taxonomy's address for an <c>email</c> route (null otherwise); the mail connector's <c>EmailToServiceStep</c> sends there.
/// <see cref="Redirect"/> is the destination chosen for a <c>redirect</c> route (absent otherwise).
/// </summary>
public sealed record PostOutcome(
    string Category,
    string Service,
    PostRoute Route,
    double Confidence,
    IReadOnlyList<PostField> Fields,
    int Pages,
    string Source,
    double? OcrMeanConfidence,
    string? ServiceMailbox = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PostRedirect? Redirect = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null)
{
    /// <summary>
    /// How much of the post's text a hand-off carries (<see cref="Text"/>): enough for the next bot to read what the
    /// letter is about, not a whole bundle of pages.
    /// </summary>
    public const int MaxHandoffText = 4000;
}

/// <summary>A route in an outcome: <c>queue</c>, <c>email</c>, <c>folder</c> or <c>redirect</c>, and its target.</summary>
public sealed record PostRoute(string Type, string Target);

/// <summary>
/// An extracted field in an outcome. <see cref="Reviewed"/> marks a value a reviewer typed or fixed in the portal's
/// correction form (confidence 1): the labelled example then says which values a person vouched for.
/// </summary>
public sealed record PostField(
    string Kind,
    string Value,
    double Confidence,
    int? Page,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Reviewed = false);

/// <summary>
/// Where post that is another organisation's is redirected: the destination's id and name in the redirect wording, and
/// the phrases of the text that chose it (none: the fallback).
/// </summary>
public sealed record PostRedirect(string Destination, string Name, IReadOnlyList<string> Matched);
