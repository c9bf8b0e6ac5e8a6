namespace AutomationFleet.Core.Metrics;

/// <summary>The open review tasks by SLA risk.</summary>
/// <param name="Open">All open review tasks.</param>
/// <param name="Urgent">Open tasks marked urgent (e.g. safeguarding).</param>
/// <param name="Escalated">Open tasks escalated to a supervisor.</param>
/// <param name="Overdue">Open tasks whose item's due date has passed.</param>
/// <param name="DueSoon">Open tasks due from now up to the "due soon" horizon.</param>
/// <param name="DueLater">Open tasks due after that horizon.</param>
/// <param name="NoDueDate">Open tasks whose item has no due date.</param>
/// <param name="OldestCreatedAt">When the oldest open task was opened; null when there are none.</param>
public sealed record ReviewBacklog(
    int Open, int Urgent, int Escalated, int Overdue, int DueSoon, int DueLater, int NoDueDate, DateTimeOffset? OldestCreatedAt);
