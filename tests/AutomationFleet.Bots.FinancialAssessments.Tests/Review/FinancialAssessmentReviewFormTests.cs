using System.Globalization;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Letters;
using AutomationFleet.Bots.FinancialAssessments.Review;
using AutomationFleet.Bots.FinancialAssessments.Tests.Letters;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.Review.Forms;

namespace AutomationFleet.Bots.FinancialAssessments.Tests.Review;

public sealed class FinancialAssessmentReviewFormTests : IDisposable
{
    private readonly BotTestKit _kit = new();
    private readonly FinancialAssessmentReviewForm _form = new(ChargeLetterWriterTests.Assessor);

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Present_FlaggedCase_ShowsTheBreakdownAndEveryFigureAsAField()
    {
        var view = _form.Present(BotTestKit.Task(await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-3"))));

        Assert.Equal(["charge", "capital", "income", "allowances", "steps"], view.Evidence.Select(t => t.Id));
        var fields = view.Correction.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("230.25", fields["income.0.amount"]);
        Assert.Equal("monthly", fields["income.1.period"]);
        Assert.Equal("main-home", fields["capital.1.type"]);
        Assert.Equal("no", fields["capital.2.evidenced"]);
        Assert.Equal("2024-12-20", fields["disposals.0.date"]);
        Assert.Equal("5 Madeup Way; Westexample; AB5 8SU", fields["addressee.address"]);
        Assert.Equal("", fields["income.3.amount"]);
        Assert.DoesNotContain(view.Correction, f => f.Value is not null && f.Value.TrimStart().StartsWith('{'));
    }

    [Fact]
    public async Task Correct_ReviewerChangesAFigure_TheLetterCarriesTheApprovedCharge()
    {
        var decision = await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-3"));
        var task = BotTestKit.Task(decision);
        var values = Values(_form.Present(task));
        values["income.1.amount"] = "250.00";

        var correction = _form.Correct(task, values);
        await _kit.PrintAsync(correction.OutcomeJson);

        var approved = BotTestKit.Outcome(correction.OutcomeJson);
        Assert.NotEqual(BotTestKit.Outcome(decision.OutcomeJson!).WeeklyCharge, approved.WeeklyCharge);
        Assert.Equal(FinancialAssessmentDecisions.Assessed, correction.Category);
        var text = PdfText.Read(await File.ReadAllBytesAsync(Path.Combine(_kit.PrintFolder, "item-1.pdf"))).Text;
        Assert.Contains($"You will pay {ChargeLetterWriter.Pounds(approved.WeeklyCharge)} a week", text, StringComparison.Ordinal);
        Assert.Contains("£250.00 a month", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correct_ReviewerAddsARowAndBlanksOne_ReadAsTheFormNowSays()
    {
        var task = BotTestKit.Task(await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-2")));
        var values = Values(_form.Present(task));
        foreach (var key in values.Keys.Where(k => k.StartsWith("income.2.", StringComparison.Ordinal)).ToList())
        {
            values[key] = "";
        }

        (values["income.3.type"], values["income.3.amount"], values["income.3.period"]) = ("annuity", "20.00", "weekly");

        var outcome = BotTestKit.Outcome(_form.Correct(task, values).OutcomeJson);

        var expected = ChargeLetterWriterTests.Assessor.Assess(outcome.Document);
        Assert.Equal(["state-pension", "occupational-pension", "annuity"], expected.Income.Select(i => i.Type));
        Assert.Equal(expected.WeeklyCharge, outcome.WeeklyCharge);
    }

    [Fact]
    public async Task Correct_FigureNotAnAmount_ThrowsNamingTheField()
    {
        var task = BotTestKit.Task(await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-2")));
        var values = Values(_form.Present(task));
        values["income.0.amount"] = "two hundred";

        var exception = Assert.Throws<ReviewFormException>(() => _form.Correct(task, values));

        Assert.Contains("income[0].weekly", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correct_FieldsMissingFromTheSubmission_RefusedRatherThanDroppingAnIncome()
    {
        var task = BotTestKit.Task(await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-2")));
        var values = Values(_form.Present(task)).Where(v => !v.Key.StartsWith("income.", StringComparison.Ordinal)).ToDictionary();

        var exception = Assert.Throws<ReviewFormException>(() => _form.Correct(task, values));

        Assert.Contains("income.0.type", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_ReviewerChangesAFigure_TheChargeCorrectWouldGive()
    {
        var task = BotTestKit.Task(await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-3")));
        var values = Values(_form.Present(task));
        values["income.1.amount"] = "250.00";

        var tables = _form.Preview(task, values);

        var approved = BotTestKit.Outcome(_form.Correct(task, values).OutcomeJson);
        Assert.Equal(["charge", "capital", "income", "allowances", "steps"], tables.Select(t => t.Id));
        Assert.Equal(["Weekly charge", approved.WeeklyCharge.ToString("N2", CultureInfo.InvariantCulture)], tables[0].Rows[0]);
    }

    [Fact]
    public async Task Preview_FigureNotAnAmount_ProblemsTableNamingTheField()
    {
        var task = BotTestKit.Task(await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-2")));
        var values = Values(_form.Present(task));
        values["income.0.amount"] = "two hundred";

        var table = Assert.Single(_form.Preview(task, values));

        Assert.Equal("problems", table.Id);
        Assert.Contains(table.Rows, r => r[0].StartsWith("income[0].weekly", StringComparison.Ordinal));
    }

    [Fact]
    public void For_AnyDocument_NamesCarryNoBrackets() =>
        Assert.DoesNotContain(AssessmentFields.For(ChargeLetterWriterTests.Sample("FA-3")), f => f.Name.IndexOfAny(['[', ']']) >= 0);

    [Fact]
    public async Task Correct_PaperFormCompletedByTheReviewer_ProposesTheCharge()
    {
        var task = BotTestKit.Task(await _kit.DecideAsync(BotTestKit.Handoff((HandoffFieldNames.DateOfBirth, "14.08.1936"), (HandoffFieldNames.Reference, "FA-2024-553120"))));
        var values = Values(_form.Present(task));
        Assert.Equal("1936-08-14", values["person.dateOfBirth"]);
        values["effectiveDate"] = "2025-12-08";
        values["setting"] = "care-home";
        values["person.couple"] = "no";
        values["costOfCare.weekly"] = "780.00";
        (values["income.0.type"], values["income.0.amount"], values["income.0.period"]) = ("state-pension", "230.25", "weekly");

        var outcome = BotTestKit.Outcome(_form.Correct(task, values).OutcomeJson);

        Assert.Equal("FA-2024-553120", outcome.Reference);
        Assert.Equal(230.25m - 30.65m, outcome.WeeklyCharge);
    }

    [Theory]
    [InlineData("FA-1")]
    [InlineData("FA-2")]
    [InlineData("FA-3")]
    public void ToDocument_FieldsOfADocumentUnchanged_SameBreakdown(string sample)
    {
        var document = ChargeLetterWriterTests.Sample(sample);
        var values = AssessmentFields.For(document).ToDictionary(f => f.Name, f => f.Value ?? "");

        var again = AssessmentFields.ToDocument(values);

        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(ChargeLetterWriterTests.Assessor.Assess(document)),
            System.Text.Json.JsonSerializer.Serialize(ChargeLetterWriterTests.Assessor.Assess(again)));
    }

    [Fact]
    public void ToDocument_CaseToBeEmailed_KeepsHowTheLetterGoes()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(ChargeLetterWriterTests.Sample("FA-1"))!.AsObject();
        document["delivery"] = System.Text.Json.Nodes.JsonNode.Parse("""{"method":"email","email":"rep@example.org","copyTo":"sw@council.example"}""");
        var values = AssessmentFields.For(document.ToJsonString()).ToDictionary(f => f.Name, f => f.Value ?? "");

        var again = AssessmentReader.Read(AssessmentFields.ToDocument(values));

        Assert.Equal(new LetterDelivery(DeliveryMethod.Email, "rep@example.org", "sw@council.example"), again.Delivery);
    }

    [Fact]
    public void ToDocument_NothingSaidAboutDelivery_ByPost()
    {
        var values = AssessmentFields.For(ChargeLetterWriterTests.Sample("FA-1")).ToDictionary(f => f.Name, f => f.Value ?? "");

        Assert.Equal(LetterDelivery.Post, AssessmentReader.Read(AssessmentFields.ToDocument(values)).Delivery);
    }

    private static Dictionary<string, string> Values(ReviewView view) =>
        view.Correction.ToDictionary(f => f.Name, f => f.Value ?? "", StringComparer.Ordinal);
}
