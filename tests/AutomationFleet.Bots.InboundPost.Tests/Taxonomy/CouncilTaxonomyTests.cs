using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Bots.InboundPost.Tests.Bot;

namespace AutomationFleet.Bots.InboundPost.Tests.Taxonomy;

public sealed class CouncilTaxonomyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("af-taxonomy-").FullName;

    [Fact]
    public void Load_ShippedTaxonomy_NotOursIsARedirectRouteWithItsDestinations()
    {
        var taxonomy = CouncilTaxonomy.Load(Repository.File("config", "taxonomy.json"));

        var notOurs = taxonomy.Find("not-ours");
        Assert.NotNull(notOurs);
        Assert.Equal(RouteKind.Redirect, notOurs.Route.Kind);
        Assert.Equal("not-ours", notOurs.Route.Target);
        Assert.Equal("general", notOurs.Route.Redirects?.Fallback.Id);
        Assert.Equal(13, taxonomy.Categories.Count);
        Assert.All(taxonomy.Categories.Where(c => c.Id != "not-ours"), c => Assert.Null(c.Route.Redirects));
    }

    [Fact]
    public void Check_RedirectRouteWhoseDestinationLacksWording_ReportedWithTheCategoryAndDestination()
    {
        File.WriteAllText(Path.Combine(_directory, "elsewhere.json"), """
            { "subject": "s", "fallback": "general", "destinations": [
              { "id": "general", "name": "someone", "wording": "w" },
              { "id": "nhs", "name": "the NHS", "phrases": ["gp"] } ] }
            """);
        var path = Path.Combine(_directory, "taxonomy.json");
        File.WriteAllText(path, """
            { "categories": [
              { "id": "highways", "route": { "type": "queue", "queue": "incident-reports" } },
              { "id": "not-ours", "route": { "type": "redirect", "folder": "not-ours", "destinations": "elsewhere.json" } },
              { "id": "other", "route": { "type": "redirect", "folder": "../up" } } ] }
            """);

        var failures = CouncilTaxonomy.Check(path);

        Assert.Equal(
            [
                "categories[1] ('not-ours'): route.destinations 'elsewhere.json': destinations[1] ('nhs'): 'wording' is missing.",
                "categories[2] ('other'): route.folder '../up' must be a relative path inside the drop folder.",
            ],
            failures);
    }

    [Fact]
    public void Check_RedirectRouteNamingNoFile_UsesNotOursJsonBesideTheTaxonomy()
    {
        var path = Path.Combine(_directory, "taxonomy.json");
        File.WriteAllText(path, """{ "categories": [ { "id": "not-ours", "route": { "type": "redirect", "folder": "not-ours" } } ] }""");

        Assert.Equal(
            ["categories[0] ('not-ours'): route.destinations 'not-ours.json': the file does not exist."],
            CouncilTaxonomy.Check(path));

        File.Copy(Repository.File("config", "not-ours.json"), Path.Combine(_directory, "not-ours.json"));
        Assert.Empty(CouncilTaxonomy.Check(path));
    }

    [Fact]
    public void Check_CategoryMarkedNeverAutomatic_RefusedPointingAtItsOneHome()
    {
        var path = Path.Combine(_directory, "taxonomy.json");
        File.WriteAllText(path, """
            { "categories": [ { "id": "safeguarding-concern", "neverAutomatic": true, "route": { "type": "folder", "folder": "s" } } ] }
            """);

        var failure = Assert.Single(CouncilTaxonomy.Check(path));

        Assert.StartsWith("categories[0] ('safeguarding-concern'): 'neverAutomatic' is no longer read from the taxonomy", failure, StringComparison.Ordinal);
        Assert.Contains("Confidence:Bots:inbound-post:NeverAutomatic (config/bots.json)", failure, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
