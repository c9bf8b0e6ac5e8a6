using System.Collections.Concurrent;
using System.Text.Json;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;

namespace AutomationFleet.Portal.Tests.Forms;

/// <summary>
/// A review form as a matching bot would give one: a table of ranked candidates, an alert, a radio choice of candidate
/// (or a new person) with each candidate's details, and a note. Choosing <see cref="MovedAway"/> is refused with
/// <see cref="RefusalMessage"/>. Records the values each <see cref="Correct"/> was given.
/// </summary>
internal sealed class CandidateReviewForm : IReviewForm
{
    public const string BotName = "candidate-matcher";
    public const string MovedAway = "P-2";
    public const string RefusalMessage = "Anne Smith has moved out of the area; choose another candidate or a new person.";

    public ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Corrections { get; } = new();

    public string Bot => BotName;

    public ReviewView Present(ReviewTask task) => new(
        [
            new EvidenceTable(
                "candidates", "Ranked candidates", ["Person", "Score", "Address"],
                [["Ann Smith (P-1)", "0.91", "12 High Street"], ["Anne Smith (P-2)", "0.64", "3 Mill Lane"]],
                "Scores are match probabilities."),
        ],
        [
            new CorrectionField("person", "The person this form is from", CorrectionFieldKind.Radio, "P-1",
            [
                new CorrectionChoice("P-1", "Ann Smith", "score 0.91, 12 High Street"),
                new CorrectionChoice(MovedAway, "Anne Smith", "score 0.64, 3 Mill Lane"),
                new CorrectionChoice("new", "New person"),
            ], "Choose the candidate, or a new person if none is them."),
            new CorrectionField("note", "Case note", CorrectionFieldKind.Text, null, []),
        ],
        ["Two candidates share a surname and a birth date."]);

    public ReviewCorrection Correct(ReviewTask task, IReadOnlyDictionary<string, string> values)
    {
        var person = values.GetValueOrDefault("person");
        if (person == MovedAway)
        {
            throw new ReviewFormException(RefusalMessage);
        }

        Corrections[task.Reference] = values;
        return new ReviewCorrection(JsonSerializer.Serialize(new { person, note = values.GetValueOrDefault("note") }), person == "new" ? "new-person" : "matched");
    }
}
