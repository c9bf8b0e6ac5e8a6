namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>What went wrong in the case-management system, and so whether another attempt can help.</summary>
public enum CaseManagementFault
{
    /// <summary>A page took longer than allowed (transient).</summary>
    Timeout,

    /// <summary>The server answered 5xx or could not be reached (transient).</summary>
    Unavailable,

    /// <summary>The session ended mid-flow and the page asked to sign in again (transient: the next attempt signs in).</summary>
    SessionExpired,

    /// <summary>The note was saved but is not on the record when read back (transient: the next attempt looks again first).</summary>
    NotReadBack,

    /// <summary>An element the configured flow expects is missing or ambiguous: the page layout changed (permanent).</summary>
    LayoutChanged,

    /// <summary>No person has the case-record id, or the search found more than one (permanent).</summary>
    PersonNotFound,

    /// <summary>The system refused: wrong credentials, an unexpected pop-up, a 4xx answer (permanent).</summary>
    Refused,

    /// <summary>
    /// A new person was not created: someone with the same name and date of birth is already on the system, or more
    /// than one record carries the reference (permanent: a person decides).
    /// </summary>
    PossibleDuplicate,
}
