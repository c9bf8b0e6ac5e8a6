using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>How the case-management steps turn the connector's faults into the runner's terms.</summary>
internal static class CaseManagementDelivery
{
    /// <summary>
    /// Runs <paramref name="deliver"/>; a fault another attempt cannot change (a changed layout, a refusal, bad input)
    /// becomes a <see cref="PermanentDeliveryException"/>, so the item goes to a person instead of being retried.
    /// </summary>
    public static async Task<string> RunAsync(Func<Task<string>> deliver, string cannot)
    {
        try
        {
            return await deliver();
        }
        catch (CaseManagementException exception) when (!exception.IsTransient)
        {
            throw new PermanentDeliveryException(exception.Message, exception);
        }
        catch (ArgumentException exception)
        {
            throw new PermanentDeliveryException($"{cannot}: {exception.Message}", exception);
        }
    }
}
