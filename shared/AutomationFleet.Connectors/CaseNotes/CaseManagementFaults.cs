using Microsoft.Playwright;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>What counts as transient for the fleet's <c>web</c> pipeline when it runs a case note.</summary>
public static class CaseManagementFaults
{
    /// <summary>
    /// A slow page, a 5xx, a dropped session or a note not read back is worth another attempt (each attempt looks for
    /// the reference before writing, so a redo never writes twice); a changed layout, a missing person or a refusal is not.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        CaseManagementException fault => fault.IsTransient,
        PlaywrightException or TimeoutException => true,
        _ => false,
    };
}
