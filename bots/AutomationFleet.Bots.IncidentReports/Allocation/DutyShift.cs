namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>The duty officer on the rota from <see cref="Start"/> until <see cref="End"/>.</summary>
public sealed record DutyShift(string Officer, DateTimeOffset Start, DateTimeOffset End);
