namespace AutomationFleet.Bots.FinancialAssessments.Rates;

/// <summary>The rates configuration is wrong or lacks a figure an assessment needs: a fault of config, not of the case.</summary>
public sealed class ChargingRatesException : Exception
{
    public ChargingRatesException(string message)
        : base(message)
    {
    }

    public ChargingRatesException()
    {
    }

    public ChargingRatesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
