using System.Security.Cryptography;
using System.Text;

namespace AutomationFleet.Bots.IncidentReports.Incidents;

/// <summary>
/// An incident's reference, derived from the report that opened it: a redo of the same report finds the same incident
/// instead of opening a second (the <c>QueueHandoffStep</c> idea), and the reference says nothing about the person or place.
/// </summary>
public static class IncidentReferences
{
    /// <summary>The reference of the incident <paramref name="reportReference"/> opens, e.g. <c>INC-3F9A1C02B7</c>.</summary>
    public static string For(string reportReference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reportReference);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(reportReference));
        return "INC-" + Convert.ToHexString(hash, 0, 5);
    }
}
