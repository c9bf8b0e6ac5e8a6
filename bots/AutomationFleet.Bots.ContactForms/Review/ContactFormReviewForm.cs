using System.Globalization;
using System.Text.Json;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;

namespace AutomationFleet.Bots.ContactForms.Review;

/// <summary>
/// The portal's page for a contact form in review: the form as read, the ranked candidates, and each candidate's
/// field-by-field evidence in bits; the correction is a choice of one candidate or "new person" (rejecting is the
/// portal's own Reject).
/// </summary>
public sealed class ContactFormReviewForm : IReviewForm
{
    /// <summary>The correction field's name.</summary>
    public const string PersonField = "person";

    /// <summary>The choice that means none of the candidates.</summary>
    public const string NewPersonChoice = "new";

    public string Bot => ContactFormBot.BotName;

    public ReviewView Present(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var evidence = Read(task);
        var tables = new List<EvidenceTable>
        {
            new("form-fields", "The form", ["Field", "Value"], evidence.Form.Select(f => (IReadOnlyList<string>)[f.Field, f.Value]).ToList(),
                evidence.ReadByOcr ? "Read from a scanned letter by OCR: characters may be misread." : $"Arrived by {evidence.Channel}."),
            new("candidates", "Candidates", ["Rank", "Case record", "Record", "Probability", "Match weight (bits)"],
                evidence.Candidates.Select((c, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), c.CaseRecordId, c.Summary, Percent(c.Probability), Bits(c.MatchWeight)]).ToList(),
                string.Create(CultureInfo.InvariantCulture, $"Automatic only at the bot's threshold or above, with a margin of {evidence.MinimumMargin:0.00} over the next; records under {Percent(evidence.ReviewThreshold)} are not shown.")),
        };
        tables.AddRange(evidence.Candidates.Select((c, i) => new EvidenceTable(
            $"candidate-{i + 1}-evidence",
            $"Why candidate {i + 1} ({c.CaseRecordId}) scored {Percent(c.Probability)}",
            ["Field", "On the form", "On the record", "Comparison", "Bits"],
            c.Fields.Select(f => (IReadOnlyList<string>)[f.Field, f.FormValue, f.RecordValue, f.Level, Bits(f.Bits)]).ToList(),
            $"Prior {Bits(c.PriorBits)} bits; the fields and the prior add up to {Bits(c.MatchWeight)} bits.")));
        tables.Add(new("note", "The note to be written", ["Text"], [[evidence.Note]]));

        var proposal = task.Request.ProposalJson is { } json ? Outcome(json) : null;
        var newPerson = proposal?.NewRecord is null
            ? "The case-management team opens a record; no note is written by the bot."
            : "The fleet opens a record with the details on the form and writes the note there.";
        var choices = evidence.Candidates
            .Select((c, i) => new CorrectionChoice(c.CaseRecordId, $"{i + 1}. {c.Summary}", $"Case record {c.CaseRecordId}, {Percent(c.Probability)}"))
            .Append(new CorrectionChoice(NewPersonChoice, "New person: none of these", newPerson))
            .ToList();
        var field = new CorrectionField(PersonField, "The person this form is about", CorrectionFieldKind.Radio, proposal?.CaseRecordId ?? NewPersonChoice, choices,
            "Choose the record the note goes to.");
        return new ReviewView(tables, [field]);
    }

    public ReviewCorrection Correct(ReviewTask task, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(values);
        var evidence = Read(task);
        if (!values.TryGetValue(PersonField, out var chosen) || string.IsNullOrWhiteSpace(chosen))
        {
            throw new ReviewFormException("Choose the person this form is about, or New person.");
        }

        if (chosen == NewPersonChoice)
        {
            // Confirming the bot's new person keeps the details it proposed, so the fleet still opens the record.
            var proposed = task.Request.ProposalJson is { } json ? Outcome(json).NewRecord : null;
            return new ReviewCorrection(
                Serialize(new ContactFormOutcome(ContactFormDecisions.NewPerson, null, 0, evidence.Note, proposed)), ContactFormDecisions.NewPerson);
        }

        var candidate = evidence.Candidates.FirstOrDefault(c => c.CaseRecordId == chosen)
            ?? throw new ReviewFormException($"Case record {chosen} is not one of this form's candidates.");
        return new ReviewCorrection(
            Serialize(new ContactFormOutcome(ContactFormDecisions.Match, candidate.CaseRecordId, candidate.Probability, evidence.Note)),
            ContactFormDecisions.Match);
    }

    private static ContactFormEvidence Read(ReviewTask task) =>
        JsonSerializer.Deserialize<ContactFormEvidence>(task.Request.EvidenceJson, ContactFormBot.JsonOptions)
        ?? throw new ReviewFormException("The bot left no evidence for this item.");

    private static ContactFormOutcome Outcome(string json) =>
        JsonSerializer.Deserialize<ContactFormOutcome>(json, ContactFormBot.JsonOptions) ?? throw new ReviewFormException("The proposal is empty.");

    private static string Serialize(ContactFormOutcome outcome) => JsonSerializer.Serialize(outcome, ContactFormBot.JsonOptions);

    private static string Percent(double p) => p.ToString("0.0##%", CultureInfo.InvariantCulture);

    private static string Bits(double bits) => bits.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
}
