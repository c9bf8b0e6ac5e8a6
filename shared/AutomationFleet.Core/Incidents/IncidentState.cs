namespace AutomationFleet.Core.Incidents;

/// <summary>Where an incident is in its life. <see cref="IncidentTransitions"/> says which moves are allowed.</summary>
public enum IncidentState
{
    /// <summary>Recorded and given to a team's queue, no one person yet.</summary>
    Open,

    /// <summary>Given to a named person in the team.</summary>
    Allocated,

    /// <summary>The team has dealt with it; it can still be reopened by a person.</summary>
    Resolved,

    /// <summary>Finished; nothing more happens to it.</summary>
    Closed,
}
