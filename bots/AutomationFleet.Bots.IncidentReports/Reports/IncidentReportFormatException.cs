namespace AutomationFleet.Bots.IncidentReports.Reports;

/// <summary>
/// An item that is not a readable incident report. <see cref="Field"/> names the field at fault (a JSON path such as
/// <c>occurredAt</c> or <c>place.latitude</c>), or is null when the whole item is wrong; the message says what is wrong
/// and becomes the item's recorded reason. It never quotes personal data.
/// </summary>
public sealed class IncidentReportFormatException(string? field, string problem)
    : Exception(field is null ? problem : $"{field}: {problem}")
{
    /// <summary>The field at fault, or null.</summary>
    public string? Field { get; } = field;

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;
}
