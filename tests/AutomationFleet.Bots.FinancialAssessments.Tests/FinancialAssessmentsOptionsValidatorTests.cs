namespace AutomationFleet.Bots.FinancialAssessments.Tests;

public sealed class FinancialAssessmentsOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new FinancialAssessmentsOptionsValidator().Validate(null, new FinancialAssessmentsOptions { RatesDirectory = TestRates.Directory });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_EveryBadSetting_ReportsEachByPath()
    {
        var options = new FinancialAssessmentsOptions
        {
            RatesDirectory = "/nonexistent/charging",
            ChargeChangeThreshold = 2.555m,
            LocalPolicy = new LocalChargingPolicy
            {
                MigUplift = -5m,
                FlatDreAllowance = 10.855m,
                MinimumCharge = 5000m,
                PercentageOfDisposableIncome = 0m,
                HomeCareLowerCapitalLimit = 30_000m,
                HomeCareUpperCapitalLimit = 25_000m,
            },
        };

        var failures = new FinancialAssessmentsOptionsValidator().Validate(null, options).Failures!.ToList();

        string[] settings =
        [
            "FinancialAssessments:LocalPolicy:MigUplift must be from 0",
            "FinancialAssessments:LocalPolicy:FlatDreAllowance must be in pounds and pence",
            "FinancialAssessments:LocalPolicy:MinimumCharge must be from 0",
            "FinancialAssessments:LocalPolicy:PercentageOfDisposableIncome must be more than 0",
            "FinancialAssessments:LocalPolicy:HomeCareLowerCapitalLimit (30000) must be below",
            "FinancialAssessments:ChargeChangeThreshold must be in pounds and pence",
            "FinancialAssessments:RatesDirectory: The charging rates folder '/nonexistent/charging' does not exist.",
        ];
        Assert.Equal(settings.Length, failures.Count);
        Assert.All(settings, s => Assert.Contains(failures, f => f.StartsWith(s, StringComparison.Ordinal)));
    }
}
