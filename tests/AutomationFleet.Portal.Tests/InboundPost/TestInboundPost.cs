using AutomationFleet.Bots.InboundPost;
using AutomationFleet.Bots.InboundPost.Extraction;
using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Bots.InboundPost.Reading;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Documents;
using AutomationFleet.Documents.Ocr;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Tests.InboundPost;

/// <summary>
/// The real inbound-post bot for the portal tests that need its evidence: the model trained from the starter data
/// into a temp folder, the real taxonomy and the real document reader with Tesseract; and where the repository's
/// files and shared/data are.
/// </summary>
internal static class TestInboundPost
{
    public static CouncilTaxonomy Taxonomy() => CouncilTaxonomy.Load(RepositoryFile("config", "taxonomy.json"));

    public static InboundPostBot CreateBot(string root, IWorkQueue queue, IBlobStore blobs, OcrEnginePool ocr)
    {
        var options = Options.Create(new InboundPostOptions
        {
            ModelPath = Path.Combine(root, "models", "council-post.model"),
            TrainingData = RepositoryFile("config", "training", "council-post.csv"),
            HeldOutData = RepositoryFile("config", "training", "council-post-heldout.csv"),
            TaxonomyPath = RepositoryFile("config", "taxonomy.json"),
            DropFolder = Path.Combine(root, "outbox"),
        });
        var model = new ClassifierModel(options, TimeProvider.System, NullLogger<ClassifierModel>.Instance);
        model.EnsureLoaded();
        return new InboundPostBot(
            new PostTextReader(new DocumentReader(new DocumentLimits(), ocr)),
            model,
            new Extractor(new ExtractionOptions(), TimeProvider.System),
            Taxonomy(),
            new RouteStepFactory(queue, blobs, options, TimeProvider.System),
            options,
            // As config/bots.json ships it: the never-automatic list's one home.
            Microsoft.Extensions.Options.Options.Create(new ConfidenceOptions { Bots = { [InboundPostBot.BotName] = new BotConfidenceOptions { NeverAutomatic = ["safeguarding-concern"] } } }),
            NullLogger<InboundPostBot>.Instance);
    }

    public static string RepositoryFile(params string[] parts) => Path.Combine([RepositoryRoot(), .. parts]);

    /// <summary>A file of shared/data: from <c>FLEET_DATA</c>, or a <c>shared/data</c> in or beside the checkout.</summary>
    public static string SharedData(params string[] parts)
    {
        var root = RepositoryRoot();
        foreach (var data in new[] { Environment.GetEnvironmentVariable("FLEET_DATA"), Path.Combine(root, "shared", "data"), Path.Combine(root, "..", "shared", "data") })
        {
            if (data is not null && File.Exists(Path.Combine([data, .. parts])))
            {
                return Path.Combine([data, .. parts]);
            }
        }

        throw new FileNotFoundException("not in shared/data (set FLEET_DATA): " + Path.Combine(parts));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutomationFleet.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("AutomationFleet.sln not found above " + AppContext.BaseDirectory);
    }
}
