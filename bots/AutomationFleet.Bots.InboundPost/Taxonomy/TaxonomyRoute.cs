namespace AutomationFleet.Bots.InboundPost.Taxonomy;

/// <summary>A category's route: the kind and its target (queue name, e-mail address or folder relative to the drop folder).</summary>
public sealed record TaxonomyRoute(RouteKind Kind, string Target);
