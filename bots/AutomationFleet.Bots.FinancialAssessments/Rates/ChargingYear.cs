namespace AutomationFleet.Bots.FinancialAssessments.Rates;

/// <summary>One financial year's rates (<c>config/charging/{year}.json</c>), every figure with its tag.</summary>
public sealed class ChargingYear(string year, string source, IReadOnlyDictionary<string, Rate> rates)
{
    /// <summary>The year's name, e.g. <c>2025-26</c>.</summary>
    public string Year { get; } = year;

    /// <summary>The file the rates were read from, named in errors.</summary>
    public string Source { get; } = source;

    public IReadOnlyDictionary<string, Rate> Rates { get; } = rates;

    /// <summary>The figure at <paramref name="key"/> as used in a breakdown; a figure not found stops the assessment.</summary>
    public RateUsed Use(string key)
    {
        if (!Rates.TryGetValue(key, out var rate))
        {
            throw new ChargingRatesException($"{Source} has no figure {key}.");
        }

        return rate.Amount is { } amount
            ? new RateUsed(key, amount, rate.Tag, Year)
            : throw new ChargingRatesException(
                $"{Source}: {key} is not known for {Year} (tag {rate.Tag}{(rate.Note is null ? "" : ", " + rate.Note)}); set it from the DHSC circular before assessing a case that needs it.");
    }
}
