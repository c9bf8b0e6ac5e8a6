namespace AutomationFleet.Bots.ContactForms.Cli;

/// <summary>What one <c>link</c> or <c>dedupe</c> run did, as <c>--json</c> prints it. Counts only, no record values.</summary>
public sealed record LinkRunSummary(
    string Command,
    int LeftRecords,
    int? RightRecords,
    long ComparedPairs,
    int ProposedPairs,
    int Matches,
    int Reviews,
    double MatchThreshold,
    double ReviewThreshold,
    int InvalidValuesReadAsMissing,
    double Seconds,
    LinkModelSummary Model,
    string Out);

/// <summary>
/// How the model was fitted: <c>em</c> (m by EM, one session per blocking rule that had enough expected matches) or
/// <c>defaults</c> (no session had; plain m values), the number of sessions used, and the fitted prior P(match).
/// </summary>
public sealed record LinkModelSummary(string FittedBy, int Sessions, double Prior);
