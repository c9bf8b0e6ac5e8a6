namespace AutomationFleet.Worker.Scheduling;

/// <summary>The misfire policies a schedule may name.</summary>
public static class MisfirePolicies
{
    /// <summary>After downtime, fire once as soon as possible for all missed fire times, then carry on.</summary>
    public const string FireOnceNow = "FireOnceNow";

    /// <summary>After downtime, skip what was missed and wait for the next fire time.</summary>
    public const string DoNothing = "DoNothing";

    public static IReadOnlyList<string> All { get; } = [FireOnceNow, DoNothing];
}
