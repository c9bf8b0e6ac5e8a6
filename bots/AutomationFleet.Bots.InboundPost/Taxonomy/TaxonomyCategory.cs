namespace AutomationFleet.Bots.InboundPost.Taxonomy;

/// <summary>
/// One category of post, from <c>config/taxonomy.json</c>. Whether a category is never automatic is not here: its one
/// home is <c>Confidence:Bots:inbound-post:NeverAutomatic</c> (<c>config/bots.json</c>), which the runner's policy, the
/// threshold overrides and the bot all read.
/// </summary>
public sealed record TaxonomyCategory(
    string Id,
    string DisplayName,
    string Service,
    TaxonomyRoute Route,
    bool Urgent);
