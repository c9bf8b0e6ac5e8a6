using AutomationFleet.Bots.InboundPost.Tests.Bot;

namespace AutomationFleet.Bots.InboundPost.Tests;

public sealed class InboundPostOptionsValidatorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("af-post-options-").FullName;

    [Fact]
    public void Validate_RedirectWordingWithoutWording_FailsNamingTheSettingCategoryAndDestination()
    {
        var taxonomy = Path.Combine(_directory, "taxonomy.json");
        File.WriteAllText(taxonomy, """{ "categories": [ { "id": "not-ours", "route": { "type": "redirect", "folder": "not-ours" } } ] }""");
        File.WriteAllText(Path.Combine(_directory, "not-ours.json"), """
            { "subject": "s", "fallback": "general", "destinations": [ { "id": "general", "name": "someone" } ] }
            """);
        var options = new InboundPostOptions
        {
            ModelPath = Path.Combine(_directory, "model"),
            TrainingData = Repository.File("config", "training", "council-post.csv"),
            HeldOutData = Repository.File("config", "training", "council-post-heldout.csv"),
            TaxonomyPath = taxonomy,
        };

        var result = new InboundPostOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [$"InboundPost:TaxonomyPath '{taxonomy}': categories[0] ('not-ours'): route.destinations 'not-ours.json': destinations[0] ('general'): 'wording' is missing."],
            result.Failures);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
