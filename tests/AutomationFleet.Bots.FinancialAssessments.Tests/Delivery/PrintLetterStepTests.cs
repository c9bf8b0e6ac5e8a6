using System.Text.Json;
using AutomationFleet.Bots.FinancialAssessments.Delivery;
using AutomationFleet.Bots.FinancialAssessments.Letters;
using AutomationFleet.Bots.FinancialAssessments.Tests.Letters;
using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Bots.FinancialAssessments.Tests.Delivery;

public sealed class PrintLetterStepTests : IDisposable
{
    private readonly BotTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void IsIdempotent_WriteOnceByReference_True() => Assert.True(_kit.Bot.DeliverySteps.Single(s => s.Name == PrintLetterStep.StepName).IsIdempotent);

    [Fact]
    public async Task DeliverAsync_CaseGoesByEmail_SkippedAndNothingPrinted()
    {
        var decision = await _kit.DecideAsync(BotTestKit.WithDelivery(ChargeLetterWriterTests.Sample("FA-2"), """{ "method": "email", "email": "a.example@example.org" }"""));

        var result = await _kit.PrintAsync(decision.OutcomeJson!);

        Assert.Contains("skipped", result, StringComparison.Ordinal);
        Assert.Empty(_kit.PrintedFiles());
    }

    [Fact]
    public async Task DeliverAsync_DecidedOutcome_WritesTheLetterWithTheChargeNamedByTheReference()
    {
        var decision = await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-2"));

        using var result = JsonDocument.Parse((await _kit.PrintAsync(decision.OutcomeJson!, "FA-2-item"))!);

        Assert.True(result.RootElement.GetProperty("written").GetBoolean());
        var text = PdfText.Read(await File.ReadAllBytesAsync(Path.Combine(_kit.PrintFolder, "FA-2-item.pdf"))).Text;
        Assert.Contains($"You will pay {ChargeLetterWriter.Pounds(BotTestKit.Outcome(decision.OutcomeJson!).WeeklyCharge)} a week", text, StringComparison.Ordinal);
        Assert.Contains("Date: 9 June 2025", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_Redo_WritesNothingTwiceAndKeepsTheFirstLetter()
    {
        var decision = await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-2"));
        await _kit.PrintAsync(decision.OutcomeJson!);
        var path = Path.Combine(_kit.PrintFolder, "item-1.pdf");
        var first = await File.ReadAllBytesAsync(path);
        _kit.Clock.Advance(TimeSpan.FromDays(3));

        using var again = JsonDocument.Parse((await _kit.PrintAsync(decision.OutcomeJson!))!);

        Assert.False(again.RootElement.GetProperty("written").GetBoolean());
        Assert.Equal(first, await File.ReadAllBytesAsync(path));
        Assert.Single(Directory.GetFiles(_kit.PrintFolder));
    }

    [Fact]
    public async Task DeliverAsync_ChargeNoLongerAgrees_RefusesAndWritesNothing()
    {
        var decision = await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-2"));
        var tampered = JsonSerializer.Serialize(BotTestKit.Outcome(decision.OutcomeJson!) with { WeeklyCharge = 1.00m }, BotTestKit.Web);

        var exception = await Assert.ThrowsAsync<PermanentDeliveryException>(() => _kit.PrintAsync(tampered));

        Assert.Contains("not the 1.00 decided", exception.Message, StringComparison.Ordinal);
        Assert.Empty(_kit.PrintedFiles());
    }

    [Fact]
    public async Task DeliverAsync_AddresseeAsksForLargePrint_WritesLargePrint()
    {
        var document = ChargeLetterWriterTests.Sample("FA-2").Replace("\"SA2 4ZZ\" ] }", "\"SA2 4ZZ\" ], \"largePrint\": true }", StringComparison.Ordinal);
        var decision = await _kit.DecideAsync(document);

        await _kit.PrintAsync(decision.OutcomeJson!);

        Assert.True(PdfText.Read(await File.ReadAllBytesAsync(Path.Combine(_kit.PrintFolder, "item-1.pdf"))).SmallestPointSize >= 16);
    }

    [Theory]
    [InlineData("FA-2", "FA-2.pdf")]
    [InlineData("inbox:abc>financial-assessments", "inbox_abc_financial-assessments-")]
    [InlineData("../../etc/passwd", "_.._etc_passwd-")]
    public void FileNameFor_Reference_SafeAndPrefixedByIt(string reference, string expectedStart) =>
        Assert.StartsWith(expectedStart, PrintLetterStep.FileNameFor(reference), StringComparison.Ordinal);

    [Fact]
    public void FileNameFor_ReferencesThatCleanAlike_DifferentFiles() =>
        Assert.NotEqual(PrintLetterStep.FileNameFor("a:b"), PrintLetterStep.FileNameFor("a>b"));
}
