namespace AutomationFleet.Core.Retention;

/// <summary>How many rows an audit-trail purge deleted from each audit table.</summary>
/// <param name="ItemRows">Items' trails (<c>audit_log</c>).</param>
/// <param name="SecurityRows">The security audit.</param>
/// <param name="IncidentRows">Incidents' trails.</param>
public sealed record AuditTrailPurge(long ItemRows, long SecurityRows, long IncidentRows);
