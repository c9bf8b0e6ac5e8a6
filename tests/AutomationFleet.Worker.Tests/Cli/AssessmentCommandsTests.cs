using System.Text.Json;

namespace AutomationFleet.Worker.Tests.Cli;

/// <summary><c>fleet assess</c>, the financial-assessment bot's command, run through the real command line.</summary>
[Collection(CliTestCollection.Name)]
public sealed class AssessmentCommandsTests : IAsyncLifetime
{
    private const string KnowsleyHome = """
        { "reference": "V1", "effectiveDate": "2024-10-01", "setting": "home",
          "person": { "dateOfBirth": "2002-03-01", "couple": false, "premiums": ["disability", "enhanced-disability"], "nightCare": false },
          "income": [ { "type": "universal-credit", "weekly": 167.96 },
                      { "type": "pip-daily-living", "rate": "enhanced", "weekly": 108.55 },
                      { "type": "pip-mobility", "rate": "enhanced", "weekly": 75.75 } ],
          "disabilityRelatedExpenditure": [ { "item": "heating", "weekly": 6.42 }, { "item": "laundry", "weekly": 6.18 } ],
          "costOfCare": { "weekly": 391.95 } }
        """;

    private readonly CliFixture _cli = new();

    public Task InitializeAsync() =>
        File.WriteAllTextAsync(
            Path.Combine(_cli.ConfigDirectory, "appsettings.json"),
            """{ "FinancialAssessments": { "LocalPolicy": { "DisregardNightTimeDifference": true } } }""");

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task Assess_Json_WeeklyChargeIsATopLevelNumberUsingConfiguredPolicy()
    {
        var run = await _cli.RunAsync("assess", "--input", Write(KnowsleyHome), "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("weeklyCharge").ValueKind);
        Assert.Equal(67.71m, json.RootElement.GetProperty("weeklyCharge").GetDecimal());
        Assert.Equal("2024-25", json.RootElement.GetProperty("year").GetString());
        Assert.Contains(
            json.RootElement.GetProperty("ratesUsed").EnumerateArray(),
            r => r.GetProperty("name").GetString() == "minimumIncomeGuarantee.single18To24" && r.GetProperty("tag").GetString() == "D");
    }

    [Fact]
    public async Task Assess_Letter_WritesThePdfWithTheCharge()
    {
        var letter = Path.Combine(Path.GetDirectoryName(Write(KnowsleyHome))!, "letter.pdf");

        var run = await _cli.RunAsync("assess", "--input", Write(KnowsleyHome), "--letter", letter);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var pdf = await File.ReadAllBytesAsync(letter);
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        Assert.Contains("Weekly charge: £67.71", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_LargePrintLetter_LongerThanTheStandardOne()
    {
        var folder = Path.GetDirectoryName(Write(KnowsleyHome))!;
        var (standard, large) = (Path.Combine(folder, "standard.pdf"), Path.Combine(folder, "large.pdf"));

        await _cli.RunAsync("assess", "--input", Write(KnowsleyHome), "--letter", standard);
        var run = await _cli.RunAsync("assess", "--input", Write(KnowsleyHome), "--letter", large, "--large-print");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.True(new FileInfo(large).Length > 0 && Pages(large) > Pages(standard));
    }

    [Fact]
    public async Task Assess_Text_PrintsEveryFigureWithItsRule()
    {
        var run = await _cli.RunAsync("assess", "--input", Write(KnowsleyHome));

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Weekly charge: £67.71", run.Output, StringComparison.Ordinal);
        Assert.Contains("mobility component disregarded (Sch 1 para 8)", run.Output, StringComparison.Ordinal);
        Assert.Contains("[minimumIncomeGuarantee.disabilityPremiumSingle 2024-25 = 48.80 D]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_BadDocument_ExitsTwoNamingEachField()
    {
        var bad = KnowsleyHome.Replace("167.96", "-167.96", StringComparison.Ordinal).Replace("\"universal-credit\"", "\"lottery-win\"", StringComparison.Ordinal);

        var run = await _cli.RunAsync("assess", "--input", Write(bad), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("income[0].type: unknown income type \"lottery-win\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("income[0].weekly: must not be negative", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Assess_BadLocalPolicy_ExitsTwoNamingTheSetting()
    {
        await File.WriteAllTextAsync(
            Path.Combine(_cli.ConfigDirectory, "appsettings.json"),
            """{ "FinancialAssessments": { "LocalPolicy": { "PercentageOfDisposableIncome": 150, "MinimumCharge": -1 } } }""");

        var run = await _cli.RunAsync("assess", "--input", Write(KnowsleyHome));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("FinancialAssessments:LocalPolicy:PercentageOfDisposableIncome", run.Error, StringComparison.Ordinal);
        Assert.Contains("FinancialAssessments:LocalPolicy:MinimumCharge", run.Error, StringComparison.Ordinal);
    }

    // PDFsharp writes each page object's dictionary uncompressed, with "/Type/Page" in it.
    private static int Pages(string pdf) => System.Text.RegularExpressions.Regex.Count(File.ReadAllText(pdf), "/Type/Page(?!s)");

    private string Write(string json)
    {
        var path = Path.Combine(_cli.Root, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
