namespace AutomationFleet.Core.Users;

/// <summary>One row of the append-only security audit: sign-ins, failures, denials, views of personal data.</summary>
/// <param name="Id">Row id, increasing.</param>
/// <param name="At">When (store clock).</param>
/// <param name="Actor">Who (account name as typed for failed sign-ins, <c>cli</c> for the command line).</param>
/// <param name="Action">What, e.g. <c>sign-in</c>, <c>sign-in-failed</c>, <c>denied</c>, <c>item-view</c>.</param>
/// <param name="Target">What it was done to: an item reference, a path, an account; empty when none.</param>
/// <param name="Detail">Why or how, in words; never personal data.</param>
public sealed record SecurityAuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Target, string Detail);
