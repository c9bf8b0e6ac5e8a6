using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// Routes with SMTP enabled: <c>email</c> routes send to the service mailbox (<see cref="EmailRouteStep"/>); every other
/// route is the default's (<see cref="RouteStepFactory"/>).
/// </summary>
public sealed class MailRouteStepFactory(RouteStepFactory fallback, EmailToServiceStep email) : IRouteStepFactory
{
    public IDeliveryStep Create(TaxonomyCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return category.Route.Kind == RouteKind.Email ? new EmailRouteStep(category, email) : fallback.Create(category);
    }
}
