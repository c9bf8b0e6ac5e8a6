namespace AutomationFleet.Bots.FinancialAssessments.Rates;

/// <summary>No rates file covers the effective date's year; the assessment stops rather than use another year's rates.</summary>
public sealed class UnknownChargingYearException : Exception
{
    public UnknownChargingYearException(string year, IReadOnlyCollection<string> known)
        : base($"no charging rates for {year} (rates exist for {(known.Count == 0 ? "no year" : string.Join(", ", known))}); add config/charging/{year}.json")
    {
        Year = year;
    }

    public UnknownChargingYearException()
    {
        Year = "";
    }

    public UnknownChargingYearException(string message, Exception innerException)
        : base(message, innerException)
    {
        Year = "";
    }

    public string Year { get; }
}
