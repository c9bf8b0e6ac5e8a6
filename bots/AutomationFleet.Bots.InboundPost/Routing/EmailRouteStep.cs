using System.Text.Json.Nodes;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// An <c>email</c> route through the mail connector: sends the item to the category's service mailbox with
/// <see cref="EmailToServiceStep"/>. The address is the taxonomy's for this category, written into the outcome's
/// <c>serviceMailbox</c> (where that step reads it) whatever the outcome held, so an outcome a reviewer corrected to
/// this category goes to this category's mailbox.
/// </summary>
public sealed class EmailRouteStep(TaxonomyCategory category, EmailToServiceStep email) : IDeliveryStep
{
    public string Name => $"{EmailToServiceStep.StepName}:{DropFolderStep.SafeName(category.Service)}";

    public bool IsIdempotent => email.IsIdempotent;

    public string Pipeline => email.Pipeline;

    public string ServiceMailbox => category.Route.Target;

    public Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = JsonNode.Parse(context.Outcome.OutcomeJson) as JsonObject ?? [];
        outcome["serviceMailbox"] = category.Route.Target;
        var withMailbox = context with { Outcome = context.Outcome with { OutcomeJson = outcome.ToJsonString() } };
        return email.DeliverAsync(withMailbox, cancellationToken);
    }
}
