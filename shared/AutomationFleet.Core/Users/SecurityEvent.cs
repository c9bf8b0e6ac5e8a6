namespace AutomationFleet.Core.Users;

/// <summary>A security event to append to the audit; the store stamps the time.</summary>
/// <param name="Actor">Who.</param>
/// <param name="Action">What (see <see cref="SecurityAuditEntry.Action"/>).</param>
/// <param name="Target">What it was done to; empty when none.</param>
/// <param name="Detail">Why or how; never personal data.</param>
public sealed record SecurityEvent(string Actor, string Action, string Target, string Detail);
