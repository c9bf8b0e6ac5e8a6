using AutomationFleet.Bots.FinancialAssessments.Rates;

namespace AutomationFleet.Bots.FinancialAssessments.Tests.Rates;

/// <summary>The year runs from 6 April; an unknown year is an error; a figure not found stops a case that needs it.</summary>
public sealed class ChargingRatesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fleet-rates-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("2025-04-05", "2024-25")]
    [InlineData("2025-04-06", "2025-26")]
    [InlineData("2026-04-05", "2025-26")]
    [InlineData("2026-01-01", "2025-26")]
    [InlineData("2099-12-31", "2099-00")]
    public void Of_Date_YearStartsOnSixthApril(string date, string expected)
    {
        Assert.Equal(expected, FinancialYear.Of(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Load_ShippedFolder_HasEveryYearWithTagsKept()
    {
        Assert.Equal(["2023-24", "2024-25", "2025-26", "2026-27"], TestRates.Shipped.Years);
        var pea = TestRates.For("2026-27").Rates[RateKeys.PersonalExpensesAllowance];
        Assert.Equal((31.80m, "U"), (pea.Amount!.Value, pea.Tag));
        Assert.Equal("C", TestRates.For("2025-26").Rates[RateKeys.MigSingle18To24].Tag);
    }

    [Fact]
    public void For_DateBeforeFirstYear_ThrowsNamingTheYear()
    {
        var exception = Assert.Throws<UnknownChargingYearException>(() => TestRates.Shipped.For(new DateOnly(2023, 4, 5)));

        Assert.Equal("2022-23", exception.Year);
    }

    [Fact]
    public void Use_FigureNotFound_ThrowsNamingFigureAndYear()
    {
        var exception = Assert.Throws<ChargingRatesException>(() => TestRates.For("2026-27").Use(RateKeys.SavingsCreditDisregardSingle));

        Assert.Contains("savingsCreditDisregard.single is not known for 2026-27", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BrokenFile_ReportsEveryProblemNamingFileAndFigure()
    {
        var text = File.ReadAllText(Path.Combine(TestRates.Directory, "2025-26.json"))
            .Replace("\"year\": \"2025-26\"", "\"year\": \"2024-25\"", StringComparison.Ordinal)
            .Replace("\"amount\": 30.65", "\"amount\": -30.65", StringComparison.Ordinal)
            .Replace("\"tag\": \"C\"", "\"tag\": \"X\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder, "2025-26.json"), text);
        File.WriteAllText(Path.Combine(_folder, "latest.json"), "{}");

        var problems = ChargingRates.Check(_folder);

        Assert.Contains(problems, p => p.Contains("\"year\" must be \"2025-26\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("personalExpensesAllowance.amount must be a non-negative", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("capital.lowerLimit.tag must be C, D or U", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("latest.json: the file name must be the year", StringComparison.Ordinal));
    }
}
