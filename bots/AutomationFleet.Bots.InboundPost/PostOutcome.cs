namespace AutomationFleet.Bots.InboundPost;

/// <summary>
/// The inbound-post bot's outcome: where the post goes and what was found in it. <see cref="ServiceMailbox"/> is the
/// taxonomy's address for an <c>email</c> route (null otherwise); the mail connector's <c>EmailToServiceStep</c> sends there.
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
    string? ServiceMailbox = null);

/// <summary>A route in an outcome: <c>queue</c>, <c>email</c> or <c>folder</c>, and its target.</summary>
public sealed record PostRoute(string Type, string Target);

/// <summary>An extracted field in an outcome.</summary>
public sealed record PostField(string Kind, string Value, double Confidence, int? Page);
