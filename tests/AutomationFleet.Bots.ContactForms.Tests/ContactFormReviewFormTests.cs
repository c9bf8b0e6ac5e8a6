using System.Text.Json;
using AutomationFleet.Bots.ContactForms.Review;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.ContactForms.Tests;

public sealed class ContactFormReviewFormTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly ContactFormReviewForm _form = new();

    [Fact]
    public async Task Present_CloseCandidates_TablesAndOneChoicePerCandidatePlusNew()
    {
        var task = await TaskForAsync("""{"person":{"givenName":"Delores","surname":"Funk"},"message":"Please call."}""");

        var view = _form.Present(task);

        Assert.Equal(["form-fields", "candidates"], view.Evidence.Take(2).Select(t => t.Id));
        Assert.Contains(view.Evidence, t => t.Id == "candidate-1-evidence" && t.Rows.Count > 0);
        var field = Assert.Single(view.Correction);
        Assert.Equal((ContactFormReviewForm.PersonField, CorrectionFieldKind.Radio), (field.Name, field.Kind));
        Assert.Equal(ContactFormReviewForm.NewPersonChoice, field.Choices[^1].Value);
        Assert.True(field.Choices.Count >= 2);
    }

    [Fact]
    public async Task Correct_SecondCandidate_OutcomeMatchesThatRecordWithTheNote()
    {
        var task = await TaskForAsync("""{"person":{"givenName":"Delores","surname":"Funk"},"message":"Please call."}""");
        var second = _form.Present(task).Correction[0].Choices[1].Value;

        var correction = _form.Correct(task, new Dictionary<string, string> { [ContactFormReviewForm.PersonField] = second });

        var outcome = JsonSerializer.Deserialize<ContactFormOutcome>(correction.OutcomeJson, Web)!;
        Assert.Equal(("match", second, "Please call."), (outcome.Decision, outcome.CaseRecordId, outcome.Note));
        Assert.Equal("match", correction.Category);
    }

    [Fact]
    public async Task Correct_NewPerson_NoRecord()
    {
        var task = await TaskForAsync("""{"person":{"givenName":"Delores","surname":"Funk"},"message":"Please call."}""");

        var correction = _form.Correct(task, new Dictionary<string, string> { [ContactFormReviewForm.PersonField] = "new" });

        Assert.Equal("new-person", JsonSerializer.Deserialize<ContactFormOutcome>(correction.OutcomeJson, Web)!.Decision);
    }

    [Fact]
    public async Task Correct_NewPersonTheBotProposed_KeepsItsDetailsSoTheRecordIsOpened()
    {
        var task = await TaskForAsync(
            """{"person":{"givenName":"Zebedee","surname":"Quarrington-Vance","dateOfBirth":"2001-02-01"},"message":"Please call."}""", NewPersonModes.Create);

        var choice = _form.Present(task).Correction[0].Choices[^1];
        var correction = _form.Correct(task, new Dictionary<string, string> { [ContactFormReviewForm.PersonField] = "new" });

        Assert.Contains("The fleet opens a record", choice.Detail, StringComparison.Ordinal);
        var outcome = JsonSerializer.Deserialize<ContactFormOutcome>(correction.OutcomeJson, Web)!;
        Assert.Equal(("new-person", "Zebedee", new DateOnly(2001, 2, 1)), (outcome.Decision, outcome.NewRecord?.GivenName, outcome.NewRecord?.DateOfBirth));
    }

    [Theory]
    [InlineData("")]
    [InlineData("CR999999")]
    public async Task Correct_NothingOrNotACandidate_RefusedForTheReviewer(string chosen)
    {
        var task = await TaskForAsync("""{"person":{"givenName":"Delores","surname":"Funk"},"message":"Please call."}""");

        Assert.Throws<ReviewFormException>(() => _form.Correct(task, new Dictionary<string, string> { [ContactFormReviewForm.PersonField] = chosen }));
    }

    private static async Task<ReviewTask> TaskForAsync(string payload, string newPerson = NewPersonModes.Review)
    {
        var root = Directory.CreateTempSubdirectory("fleet-review-form-").FullName;
        try
        {
            var bot = new ContactFormBot(SampleIndex.Finder(), Options.Create(new ContactFormsOptions { NewPerson = newPerson }), new RefusingCaseNotes(), new RefusingCaseNotes(), NullLogger<ContactFormBot>.Instance);
            var decision = await bot.DecideAsync(new Core.Bots.BotInput(ContactFormReaderTests.Item(payload), new FileBlobStore(root)), CancellationToken.None);
            var request = new ReviewRequest(bot.Name, decision.Category, decision.OutcomeJson, decision.Confidence, decision.EvidenceJson, decision.Reasons, false);
            return new ReviewTask(1, "form-1", "contact-forms", request, false, null, null, null, DateTimeOffset.UtcNow);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
