namespace AutomationFleet.PublicSite.Status;

/// <summary>The stage of a case as a citizen sees it, from the item's state, review and delivery steps.</summary>
public enum CaseStage
{
    /// <summary>Received and waiting to be dealt with (or being dealt with by the fleet).</summary>
    Received,

    /// <summary>In the review queue: with a person for checking.</summary>
    WithPerson,

    /// <summary>Decided (by the bot or a person), the last steps under way.</summary>
    Decided,

    /// <summary>Passed to the service that deals with it.</summary>
    PassedOn,

    /// <summary>The answer (a letter or e-mail) was sent.</summary>
    AnswerSent,

    /// <summary>It is another organisation's: the sender was told where to go instead.</summary>
    NotOurs,

    /// <summary>Finished with nothing more to send.</summary>
    Done,

    /// <summary>Closed without being dealt with (withdrawn, or not something the council could process as sent).</summary>
    Closed,
}
