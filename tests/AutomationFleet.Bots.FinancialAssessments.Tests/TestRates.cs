using AutomationFleet.Bots.FinancialAssessments.Rates;

namespace AutomationFleet.Bots.FinancialAssessments.Tests;

/// <summary>The shipped rates (config/charging, copied beside the tests), and made-up years for historic vectors.</summary>
internal static class TestRates
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "config", "charging");

    public static readonly ChargingRates Shipped = ChargingRates.Load(Directory);

    public static ChargingYear For(string year) => Shipped.For(FinancialYear.StartOf(year));

    /// <summary>A year that has no file, built from 2024-25's figures with <paramref name="overrides"/>; for vectors that test structure only.</summary>
    public static ChargingYear Synthetic(string year, params (string Key, decimal Amount)[] overrides)
    {
        var rates = For("2024-25").Rates.ToDictionary(r => r.Key, r => r.Value with { });
        foreach (var (key, amount) in overrides)
        {
            rates[key] = new Rate(key, amount, "U", "test");
        }

        return new ChargingYear(year, "test", rates);
    }
}
