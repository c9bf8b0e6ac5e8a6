namespace AutomationFleet.PublicSite.Status;

/// <summary>
/// Everything the status page shows about a case, and nothing else: built by <see cref="CaseStatusViewBuilder"/> from
/// the item, never holding the item itself, so no personal data, staff name or staff note can reach the page.
/// </summary>
/// <param name="Reference">The short reference (<c>AF-000123</c>).</param>
/// <param name="Received">What the council received, e.g. <c>your contact form</c>.</param>
/// <param name="ReceivedOn">The UK day it arrived.</param>
/// <param name="Service">Which service has it.</param>
/// <param name="Stage">The stage.</param>
/// <param name="StageText">The stage in plain words.</param>
/// <param name="StageOn">The UK day it reached the stage, when known.</param>
/// <param name="ExpectedBy">When it should be finished (England and Wales working days), while it is not.</param>
/// <param name="Late">Whether <paramref name="ExpectedBy"/> has passed.</param>
/// <param name="Next">What happens next.</param>
/// <param name="WhereToGo">For another organisation's matter: where to go instead.</param>
/// <param name="Revised">Whether <paramref name="ExpectedBy"/> is a later date the citizen was sent because the item was running late.</param>
public sealed record CaseStatusView(
    string Reference,
    string Received,
    DateOnly ReceivedOn,
    string Service,
    CaseStage Stage,
    string StageText,
    DateOnly? StageOn,
    DateOnly? ExpectedBy,
    bool Late,
    string Next,
    string? WhereToGo,
    bool Revised = false);
