using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// Routes with SMTP enabled: <c>email</c> routes send to the service mailbox (<see cref="EmailRouteStep"/>); <c>redirect</c>
/// routes answer e-mailed post by mail to its sender and write a letter for the rest (<see cref="RedirectMailStep"/>);
/// every other route is the default's (<see cref="RouteStepFactory"/>).
/// </summary>
public sealed class MailRouteStepFactory(RouteStepFactory fallback, EmailToServiceStep email, SmtpMailSender sender) : IRouteStepFactory
{
    public IDeliveryStep Create(TaxonomyCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return category.Route.Kind switch
        {
            RouteKind.Email => new EmailRouteStep(category, email),
            RouteKind.Redirect => new RedirectMailStep(category, (RedirectLetterStep)fallback.Create(category), sender),
            _ => fallback.Create(category),
        };
    }
}
