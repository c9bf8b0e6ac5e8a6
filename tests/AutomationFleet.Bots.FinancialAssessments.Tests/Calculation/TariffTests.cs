using System.Globalization;

namespace AutomationFleet.Bots.FinancialAssessments.Tests.Calculation;

/// <summary>Tariff income (spec §4.1): £1 a week for each £250 or part of £250 above the lower limit.</summary>
public sealed class TariffTests
{
    [Theory]
    [InlineData("15000", 3)]
    [InlineData("15250", 4)]
    [InlineData("17050.91", 12)]
    [InlineData("18250", 16)]
    [InlineData("18436", 17)]
    [InlineData("16999", 11)]
    [InlineData("14250", 0)]
    [InlineData("14250.01", 1)]
    [InlineData("23250", 36)]
    [InlineData("0", 0)]
    public void Calculate_CapitalAtOrBelowUpperLimit_TariffPerStartedStepOf250(string capital, int expected)
    {
        var b = ChargeCalculatorVectorTests.Assess(CareHome(capital));

        Assert.False(b.SelfFunder);
        Assert.Equal(expected, b.TariffIncome);
    }

    [Fact]
    public void Calculate_CapitalOnePennyAboveUpperLimit_SelfFunderPaysFullCost()
    {
        var b = ChargeCalculatorVectorTests.Assess(CareHome("23250.01"));

        Assert.True(b.SelfFunder);
        Assert.Equal(700m, b.WeeklyCharge);
        Assert.Equal(0m, b.LocalAuthorityPays);
    }

    [Fact]
    public void Calculate_HomeCareWithHigherLocalLimits_UsesThemAndNamesThePolicy()
    {
        var policy = new LocalChargingPolicy { HomeCareLowerCapitalLimit = 20_000m, HomeCareUpperCapitalLimit = 30_000m };
        var json = CareHome("25000.00").Replace("\"care-home\"", "\"home\"", StringComparison.Ordinal);

        var b = ChargeCalculatorVectorTests.Assess(json, policy);

        Assert.False(b.SelfFunder);
        Assert.Equal(20m, b.TariffIncome);
        Assert.Contains(b.RatesUsed, r => r.Name == "local-policy.homeCareUpperCapitalLimit");
    }

    private static string CareHome(string capital) => string.Create(CultureInfo.InvariantCulture, $$"""
        { "reference": "T", "effectiveDate": "2025-05-01", "setting": "care-home",
          "person": { "dateOfBirth": "1940-01-01", "couple": false },
          "income": [ { "type": "state-pension", "weekly": 200.00 } ],
          "capital": [ { "type": "savings", "amount": {{capital}} } ],
          "costOfCare": { "weekly": 700.00 } }
        """);
}
