namespace AutomationFleet.Bots.InboundPost.Taxonomy;

/// <summary>One category of post, from <c>config/taxonomy.json</c>.</summary>
public sealed record TaxonomyCategory(
    string Id,
    string DisplayName,
    string Service,
    TaxonomyRoute Route,
    bool NeverAutomatic,
    bool Urgent);
