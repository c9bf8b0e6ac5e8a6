namespace AutomationFleet.Bots.InboundPost.Taxonomy;

/// <summary>
/// A category's route: the kind and its target (queue name, e-mail address, or folder relative to the drop folder for
/// <c>folder</c> and <c>redirect</c> routes); a <c>redirect</c> route also has its destinations and their wording.
/// </summary>
public sealed record TaxonomyRoute(RouteKind Kind, string Target, RedirectDestinations? Redirects = null);
