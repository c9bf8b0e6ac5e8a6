using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Evidence;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Pages.Review;

/// <summary>
/// One item under review: the document, the proposal and why it was not automatic, the bot's evidence, the audit trail,
/// and the decision form. The evidence and the correction fields are the bot's: its <see cref="IReviewForm"/> (picked by
/// <see cref="ReviewRequest.Bot"/>) lays them out and turns the submitted values into the corrected outcome; the page
/// never reads a bot's JSON. A form that is also an <see cref="IReviewFormPreview"/> works out the correction draft as
/// the reviewer types (the Preview handler, called by portal.js). A bot with no form gets its evidence shown as JSON and approve, reject or escalate only. Every handler checks the caller's queue or service grant on the server; a refusal is a 403,
/// audited. A reviewer opening the page claims the item when no one else holds it (a decision needs a live claim);
/// a supervisor or administrator opening it does not: they claim with the Claim button, and may reassign the item to
/// someone allowed to see it or release someone's claim. Escalated items are taken and decided only by supervisors.
/// </summary>
public sealed class ItemModel(
    IReviewQueue review,
    IWorkQueue queue,
    IBlobStore blobs,
    IUserStore users,
    IEnumerable<IReviewForm> forms,
    QueueAccess access,
    SecurityAudit audit,
    IOptions<PortalOptions> options,
    ILogger<ItemModel> logger) : PageModel
{
    // Media types shown inline; anything else is offered as a download, never rendered on the portal's origin.
    private static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp",
    };

    /// <summary>The open review task; null once the item has been decided (the page then shows where it went).</summary>
    public ReviewTask? Task { get; private set; }

    public string Reference => Item.Reference;

    public WorkItem Item { get; private set; } = null!;

    /// <summary>The bot's evidence and correction form for the open task; null when the bot registers no form.</summary>
    public ReviewView? View { get; private set; }

    /// <summary>The bot's review form for the open task; null when the bot registers none.</summary>
    private IReviewForm? Form { get; set; }

    /// <summary>The pages the bot's form says it read, for the document column.</summary>
    public DocumentPages Pages { get; private set; } = DocumentPages.None;

    /// <summary>The bot's evidence as indented JSON, read-only (all of it for a bot without a form).</summary>
    public string EvidenceJson { get; private set; } = "";

    /// <summary>The bot's form offers correction fields; otherwise the decision is approve, reject or escalate.</summary>
    public bool Correctable => View is { Correction.Count: > 0 };

    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    public string ProposalJson { get; private set; } = "";

    public bool Open { get; private set; }

    public bool ClaimedByMe { get; private set; }

    /// <summary>The caller's scope on this request.</summary>
    public ReviewerScope Scope { get; private set; } = null!;

    /// <summary>The caller may take and decide this item (not escalated, or they supervise).</summary>
    public bool MayDecide => Open && Scope.CanDecide(Task!);

    /// <summary>Accounts the item may be given to (supervisors only): enabled, allowed to see it, supervisors if escalated.</summary>
    public IReadOnlyList<string> ReassignChoices { get; private set; } = [];

    /// <summary>What the last supervisor action did, for the status line.</summary>
    public string? SupervisorNotice { get; private set; }

    public string? ClaimProblem { get; private set; }

    /// <summary>Why the last Cancel was refused, for the page.</summary>
    public string? CancelError { get; private set; }

    /// <summary>Administrators may cancel the item while its state allows it (Core's rule; a held item is refused by the store).</summary>
    public bool Cancellable =>
        User.IsInRole(PortalRoles.Administrator) && WorkItemTransitions.IsAllowed(Item.State, WorkItemState.Cancelled);

    public string? DecisionError { get; private set; }

    public bool JustDecided { get; private set; }

    [BindProperty]
    public DecisionInput Decision { get; set; } = new();

    public static bool IsInline(AttachmentRef attachment) => InlineTypes.Contains(attachment.MediaType);

    public static bool IsImage(AttachmentRef attachment) =>
        IsInline(attachment) && attachment.MediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);

    public string PageImageUrl(ReviewPageImage image) => $"/review/items/{Item.Id}?handler=PageImage&hash={image.Hash}";

    /// <summary>What a correction field shows: what the reviewer submitted (on a refused decision), else the bot's proposal.</summary>
    public string? ValueOf(CorrectionField field) =>
        Decision.Values.TryGetValue(field.Name, out var submitted) ? submitted : field.Value;

    /// <summary>
    /// Where the page's script posts the correction draft to see the bot's evidence worked out again; null when the item
    /// is decided or the bot's form cannot preview (<see cref="IReviewFormPreview"/>).
    /// </summary>
    public string? PreviewUrl => Open && Correctable && Form is IReviewFormPreview ? $"/review/items/{Item.Id}?handler=Preview" : null;

    public string DocumentUrl(AttachmentRef attachment) => $"/review/items/{Item.Id}?handler=Document&hash={attachment.ContentHash}";

    public async Task<IActionResult> OnGetAsync(long id, bool decided, string? done, CancellationToken cancellationToken)
    {
        var (denied, scope) = await LoadAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        JustDecided = decided;
        SupervisorNotice = done switch
        {
            "claimed" => "You hold this item now.",
            "reassigned" => "Reassigned: " + Task?.ClaimedBy + " holds this item now.",
            "released" => "The claim is released; anyone allowed may take the item.",
            _ => null,
        };
        await audit.WriteAsync(scope!.Name, AuditActions.ItemView, Reference, "item page", cancellationToken);

        // A reviewer takes a free item by opening it; a supervisor only looks (they claim with the button).
        if (!scope.IsSupervisor && MayDecide && Task!.ClaimedBy != scope.Name)
        {
            try
            {
                Task = await review.ClaimAsync(id, scope.Name, options.Value.ClaimDuration, cancellationToken);
            }
            catch (Exception exception) when (exception is ReviewClaimException or ReviewAccessException)
            {
                ClaimProblem = exception.Message;
            }
        }

        ClaimedByMe = Open && Task!.ClaimedBy == scope.Name;
        await LoadReassignChoicesAsync(cancellationToken);
        PrefillDecision();
        return Page();
    }

    /// <summary>Claims the item for the caller (the supervisors' way to take an item they opened).</summary>
    public async Task<IActionResult> OnPostClaimAsync(long id, CancellationToken cancellationToken)
    {
        var (denied, scope) = await LoadAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (!Open)
        {
            return await ProblemAsync(scope!, "This item has already been decided.", cancellationToken);
        }

        if (!MayDecide)
        {
            return await RefuseAsync("escalated: only a supervisor or administrator may take it");
        }

        try
        {
            await review.ClaimAsync(id, scope!.Name, options.Value.ClaimDuration, cancellationToken);
        }
        catch (Exception exception) when (exception is ReviewClaimException or ReviewAccessException)
        {
            return await ProblemAsync(scope!, exception.Message, cancellationToken);
        }

        return Redirect($"/review/items/{id}?done=claimed");
    }

    /// <summary>A supervisor gives the item to a named account allowed to see it (a claim on their behalf).</summary>
    public async Task<IActionResult> OnPostReassignAsync(long id, string? assignee, CancellationToken cancellationToken)
    {
        var (denied, scope) = await LoadAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (!scope!.IsSupervisor)
        {
            return await RefuseAsync("reassign needs a supervisor or administrator");
        }

        if (string.IsNullOrWhiteSpace(assignee))
        {
            return await ProblemAsync(scope, "Choose whom to give the item to.", cancellationToken);
        }

        try
        {
            var task = await review.ReassignAsync(id, scope.Name, assignee.Trim(), options.Value.ClaimDuration, cancellationToken);
            logger.LogInformation("Item {Reference} reassigned by a supervisor", task.Reference);
        }
        catch (Exception exception) when (exception is ReviewClaimException or ReviewAccessException)
        {
            return await ProblemAsync(scope, exception.Message, cancellationToken);
        }

        return Redirect($"/review/items/{id}?done=reassigned");
    }

    /// <summary>A supervisor releases whoever holds the item.</summary>
    public async Task<IActionResult> OnPostReleaseAsync(long id, CancellationToken cancellationToken)
    {
        var (denied, scope) = await LoadAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (!scope!.IsSupervisor)
        {
            return await RefuseAsync("release needs a supervisor or administrator");
        }

        try
        {
            await review.ReleaseClaimAsync(id, scope.Name, cancellationToken);
            logger.LogInformation("Claim on item {Reference} released by a supervisor", Reference);
        }
        catch (Exception exception) when (exception is ReviewClaimException or ReviewAccessException)
        {
            return await ProblemAsync(scope, exception.Message, cancellationToken);
        }

        return Redirect($"/review/items/{id}?done=released");
    }

    /// <summary>
    /// An administrator withdraws the item with a reason: it moves to Cancelled (final), its open review task closed, its
    /// payload, documents and trail kept; the store audits it in the item's trail and the security audit.
    /// </summary>
    public async Task<IActionResult> OnPostCancelAsync(long id, string? reason, CancellationToken cancellationToken)
    {
        var (denied, scope) = await LoadAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (!User.IsInRole(PortalRoles.Administrator))
        {
            return await RefuseAsync("cancel needs an administrator");
        }

        ClaimedByMe = Open && Task!.ClaimedBy == scope!.Name;
        if (string.IsNullOrWhiteSpace(reason))
        {
            return await CancelRefusedAsync(StatusCodes.Status422UnprocessableEntity, "Give a reason: it is kept in the item's audit trail.", cancellationToken);
        }

        try
        {
            await queue.CancelAsync(Reference, Actors.Administrator(scope!.Name), reason.Trim(), cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidStateTransitionException or WorkItemHeldException)
        {
            return await CancelRefusedAsync(StatusCodes.Status409Conflict, exception.Message, cancellationToken);
        }

        logger.LogInformation("Item {Reference} cancelled by an administrator", Reference);
        return Redirect($"/review/items/{id}");
    }

    private async Task<IActionResult> CancelRefusedAsync(int status, string error, CancellationToken cancellationToken)
    {
        CancelError = error;
        await LoadReassignChoicesAsync(cancellationToken);
        PrefillDecision();
        Response.StatusCode = status;
        return Page();
    }

    public async Task<IActionResult> OnGetDocumentAsync(long id, string? hash, CancellationToken cancellationToken)
    {
        var (denied, scope) = await LoadAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var attachment = Item.Attachments.FirstOrDefault(a => string.Equals(a.ContentHash, hash, StringComparison.Ordinal));
        if (attachment is null)
        {
            return NotFound();
        }

        await audit.WriteAsync(scope!.Name, AuditActions.DocumentView, Reference, "document " + attachment.ContentHash, cancellationToken);
        HttpContext.Items[SecurityHeadersMiddleware.AllowSameOriginFramingItem] = true;
        Response.Headers.CacheControl = "private, no-store";
        return IsInline(attachment)
            ? File(blobs.OpenRead(attachment.ContentHash), attachment.MediaType)
            : File(blobs.OpenRead(attachment.ContentHash), "application/octet-stream", "document-" + attachment.ContentHash[..12]);
    }

    /// <summary>
    /// The PNG of an OCR'd page (kept by the bot in the blob store): only a hash the item's evidence names as a page
    /// image, with the same grant check and audit as the document itself.
    /// </summary>
    public async Task<IActionResult> OnGetPageImageAsync(long id, string? hash, CancellationToken cancellationToken)
    {
        var (denied, scope) = await LoadAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (!Pages.IsPageImage(hash))
        {
            return NotFound();
        }

        Stream image;
        try
        {
            image = blobs.OpenRead(hash!);
        }
        catch (FileNotFoundException)
        {
            return NotFound();
        }

        await audit.WriteAsync(scope!.Name, AuditActions.DocumentView, Reference, "page image " + hash, cancellationToken);
        Response.Headers.CacheControl = "private, no-store";
        return File(image, "image/png");
    }

    /// <summary>
    /// The evidence tables worked out from the correction draft as typed (the page's script replaces its tables with
    /// them). The same grant check as the page and the anti-forgery token of any post; nothing is saved or audited as a
    /// decision: submitting the decision works the figures out again, and that is what counts.
    /// </summary>
    public async Task<IActionResult> OnPostPreviewAsync(long id, CancellationToken cancellationToken)
    {
        var (denied, _) = await LoadAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (PreviewUrl is null || Form is not IReviewFormPreview preview)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        try
        {
            return Partial("_EvidenceTables", preview.Preview(Task!, SubmittedValues()));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The draft stays on the page; the reviewer can still submit, which works it out again.
            logger.LogError(exception, "The review form of bot {Bot} failed to preview item {Reference}", Task!.Request.Bot, Reference);
            return StatusCode(StatusCodes.Status500InternalServerError);
        }
    }

    public async Task<IActionResult> OnPostDecideAsync(long id, CancellationToken cancellationToken)
    {
        var (denied, scope) = await LoadAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (Open && !MayDecide)
        {
            return await RefuseAsync("escalated: only a supervisor or administrator may decide it");
        }

        ClaimedByMe = Open && Task!.ClaimedBy == scope!.Name;
        await LoadReassignChoicesAsync(cancellationToken);
        var (decision, problem) = Validate(Decision);
        if (problem is null && Open && Decision.Kind == "correct")
        {
            (decision, problem) = Correct(decision!.Reason);
        }

        if (problem is not null || !Open)
        {
            DecisionError = problem ?? "This item has already been decided.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        try
        {
            await review.DecideAsync(id, scope!.Name, decision!, cancellationToken);
        }
        catch (Exception exception) when (exception is ReviewClaimException or ReviewAccessException or ArgumentException)
        {
            DecisionError = exception.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        await audit.WriteAsync(scope.Name, AuditActions.ReviewDecision, Reference, decision!.Kind.ToString(), cancellationToken);
        logger.LogInformation("Item {Reference} reviewed: {Decision}", Reference, decision.Kind);
        return Redirect($"/review/items/{id}?decided=true");
    }

    private async Task<(IActionResult? Denied, ReviewerScope? Scope)> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeAsync(User, cancellationToken);
        var task = await review.GetAsync(id, cancellationToken);

        // The service of a decided item is on its closed task; the grant check needs it too.
        var latest = task ?? await review.GetLatestAsync(id, cancellationToken);

        // A decided item has no open task; its audit trail names it, and the work item says where it went.
        var trail = await queue.GetAuditTrailAsync(id, cancellationToken);
        var reference = task?.Reference ?? (trail.Count > 0 ? trail[0].Reference : null);
        var item = reference is null ? null : await queue.FindAsync(reference, cancellationToken);
        if (scope is null)
        {
            await audit.DeniedAsync(HttpContext, reference ?? string.Empty, "account disabled or missing");
            return (NotFound(), null);
        }

        if (item is null || (task is null && !trail.Any(e => e.From == WorkItemState.NeedsReview || e.To == WorkItemState.NeedsReview)))
        {
            // Only items that have been in review are shown here.
            return (NotFound(), scope);
        }

        var service = latest?.Request.Service;
        if (!scope.CanOpen(item.Queue, service))
        {
            await audit.DeniedAsync(
                HttpContext, item.Reference, "no grant for queue " + item.Queue + (service is null ? string.Empty : " or service " + service));
            logger.LogWarning("Portal denied item {Reference}: no grant for its queue or service (see the security audit)", item.Reference);

            // 404 like a missing item, so the answer does not tell someone without the grant that the item exists.
            return (NotFound(), scope);
        }

        Scope = scope;
        Task = task;
        Item = item;
        Open = task is not null && item.State == WorkItemState.NeedsReview;
        PresentEvidence(task);
        ProposalJson = Indent(task?.Request.ProposalJson ?? item.OutcomeJson);
        Trail = trail;
        return (null, scope);
    }

    /// <summary>A refused action on an item the caller may see: 403, audited like any denial.</summary>
    private async Task<IActionResult> RefuseAsync(string detail)
    {
        await audit.DeniedAsync(HttpContext, Reference, detail);
        logger.LogWarning("Portal refused an action on item {Reference} (see the security audit)", Reference);
        return StatusCode(StatusCodes.Status403Forbidden);
    }

    /// <summary>The store said no (someone else holds it, the account may not see it): the page again with why, 409.</summary>
    private async Task<IActionResult> ProblemAsync(ReviewerScope scope, string message, CancellationToken cancellationToken)
    {
        ClaimProblem = message;
        ClaimedByMe = Open && Task!.ClaimedBy == scope.Name;
        await LoadReassignChoicesAsync(cancellationToken);
        PrefillDecision();
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task LoadReassignChoicesAsync(CancellationToken cancellationToken)
    {
        if (!Open || !Scope.IsSupervisor)
        {
            return;
        }

        var accounts = await users.ListUsersAsync(cancellationToken);
        ReassignChoices = accounts
            .Where(a => !a.Disabled)
            .Where(a => a.Role != UserRole.Reviewer
                || (!Task!.Escalated && new ReviewerScope(a.Name, a.Role, a.Queues, a.Services).CanOpen(Item.Queue, Task.Request.Service)))
            .Select(a => a.Name)
            .ToList();
    }

    private void PresentEvidence(ReviewTask? task)
    {
        EvidenceJson = task is null ? "" : Indent(task.Request.EvidenceJson);
        Form = task is null ? null : forms.FirstOrDefault(f => string.Equals(f.Bot, task.Request.Bot, StringComparison.Ordinal));
        if (Form is null)
        {
            return;
        }

        try
        {
            View = Form.Present(task!);
            Pages = new DocumentPages(View.Pages ?? []);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A fault in one bot's form must not hide the item: the reviewer still sees the document and the JSON.
            logger.LogError(exception, "The review form of bot {Bot} failed to present item {Reference}", task!.Request.Bot, task.Reference);
            View = new ReviewView([], [], ["The bot's evidence view failed; its evidence is shown as JSON. Approve, reject or escalate."]);
        }
    }

    /// <summary>The bot's form turns the submitted values into the corrected outcome, or says what to change.</summary>
    private (ReviewDecision? Decision, string? Problem) Correct(string reason)
    {
        if (!Correctable || Task is null)
        {
            return (null, "This item cannot be corrected here: approve, reject or escalate it.");
        }

        try
        {
            var correction = Form!.Correct(Task, SubmittedValues());
            return (new ReviewDecision(ReviewDecisionKind.Correct, reason, correction.OutcomeJson, correction.Category), null);
        }
        catch (ReviewFormException exception)
        {
            return (null, exception.Message);
        }
    }

    /// <summary>The posted correction values, only those the bot's form asked for.</summary>
    private Dictionary<string, string> SubmittedValues()
    {
        var names = View!.Correction.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return Decision.Values.Where(v => names.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value ?? "", StringComparer.Ordinal);
    }

    private void PrefillDecision()
    {
        Decision = new DecisionInput
        {
            Kind = "approve",
            Values = (View?.Correction ?? []).ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal),
        };
    }

    private static (ReviewDecision? Decision, string? Problem) Validate(DecisionInput input)
    {
        var reason = input.Reason?.Trim() ?? string.Empty;
        switch (input.Kind)
        {
            case "approve":
                return (new ReviewDecision(ReviewDecisionKind.Approve, reason.Length > 0 ? reason : "approved"), null);
            case "reject":
            case "escalate":
                if (reason.Length == 0)
                {
                    return (null, $"Give a reason to {input.Kind} the item.");
                }

                return (new ReviewDecision(input.Kind == "reject" ? ReviewDecisionKind.Reject : ReviewDecisionKind.Escalate, reason), null);
            case "correct":
                if (reason.Length == 0)
                {
                    return (null, "Give a reason for the correction.");
                }

                // The outcome itself is the bot's form's to make (see Correct).
                return (new ReviewDecision(ReviewDecisionKind.Correct, reason), null);
            default:
                return (null, "Choose approve, correct, reject or escalate.");
        }
    }

    private static string Indent(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "";
        }

        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Format.ReadableJson) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    public sealed class DecisionInput
    {
        public string Kind { get; set; } = "approve";

        public string? Reason { get; set; }

        /// <summary>The correction fields' values by <see cref="CorrectionField.Name"/> (posted as <c>Decision.Values[name]</c>).</summary>
        public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);
    }
}
