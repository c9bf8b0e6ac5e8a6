using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// Makes the delivery step for one category's route. The seam for connectors: register another implementation
/// (for example one that returns the mail connector's step for <see cref="RouteKind.Email"/> and defers to
/// <see cref="RouteStepFactory"/> for the rest) before <c>AddInboundPostBot</c>, which only adds the default if none is registered.
/// </summary>
public interface IRouteStepFactory
{
    IDeliveryStep Create(TaxonomyCategory category);
}
