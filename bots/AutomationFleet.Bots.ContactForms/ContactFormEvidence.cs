namespace AutomationFleet.Bots.ContactForms;

/// <summary>
/// What the bot shows a reviewer: the form as read, the ranked candidates, and for each candidate every field's
/// comparison and its contribution to the match weight, so the probability can be checked by hand.
/// </summary>
public sealed record ContactFormEvidence(
    string Channel,
    bool ReadByOcr,
    IReadOnlyList<EvidenceField> Form,
    string Note,
    IReadOnlyList<EvidenceCandidate> Candidates,
    double ReviewThreshold,
    double MinimumMargin);

/// <summary>One field of the form as read.</summary>
public sealed record EvidenceField(string Field, string Value);

/// <summary>One candidate record, with why it scored what it scored.</summary>
/// <param name="CaseRecordId">The record's id in the case-management system.</param>
/// <param name="Summary">Name, date of birth and postcode of the record, for the reviewer to recognise.</param>
/// <param name="Probability">Match probability.</param>
/// <param name="MatchWeight">The total match weight in bits (the prior plus every field's contribution).</param>
/// <param name="PriorBits">The prior's share of the weight, in bits.</param>
/// <param name="Fields">Each field's comparison.</param>
public sealed record EvidenceCandidate(
    string CaseRecordId,
    string Summary,
    double Probability,
    double MatchWeight,
    double PriorBits,
    IReadOnlyList<EvidenceComparison> Fields);

/// <summary>How one field compared: the two values, the level reached, and its contribution in bits.</summary>
public sealed record EvidenceComparison(string Field, string FormValue, string RecordValue, string Level, double Bits);
