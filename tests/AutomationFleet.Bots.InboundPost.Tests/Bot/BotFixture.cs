using AutomationFleet.Bots.InboundPost.Extraction;
using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Bots.InboundPost.Reading;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Documents;
using AutomationFleet.Documents.Ocr;
using AutomationFleet.Documents.Sandbox;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost.Tests.Bot;

/// <summary>
/// A real inbound-post bot over a temp folder: SQLite store and blob folder, the model trained from the starter
/// training data with the real sentence encoder, the real taxonomy, the PDF sandbox and a Tesseract engine pool.
/// </summary>
public sealed class BotFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("af-post-").FullName;

    public SqliteFleetStore Store { get; private set; } = null!;

    public FileBlobStore Blobs { get; private set; } = null!;

    public OcrEnginePool Ocr { get; } = new(new OcrOptions { MaxEngines = 2 });

    /// <summary>The bot's sandboxed reader: its children live until the fixture ends.</summary>
    public DocumentReaderProcess Reader { get; } = new(new DocumentLimits(), new OcrOptions { MaxEngines = 2 }, new DocumentSandboxOptions());

    public InboundPostOptions Options { get; private set; } = null!;

    public ClassifierModel Model { get; private set; } = null!;

    public InboundPostBot Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(Directory, "fleet.db") }, TimeProvider.System);
        await Store.InitializeAsync(CancellationToken.None);
        Blobs = new FileBlobStore(Path.Combine(Directory, "blobs"));
        Options = new InboundPostOptions
        {
            ModelPath = Path.Combine(Directory, "models", "council-post.model"),
            TrainingData = Repository.File("config", "training", "council-post.csv"),
            HeldOutData = Repository.File("config", "training", "council-post-heldout.csv"),
            TaxonomyPath = Repository.File("config", "taxonomy.json"),
            DropFolder = Path.Combine(Directory, "outbox"),
        };
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Model = new ClassifierModel(options, TimeProvider.System, NullLogger<ClassifierModel>.Instance, TestEmbedder.Shared);
        Model.EnsureLoaded();
        var taxonomy = CouncilTaxonomy.Load(Options.TaxonomyPath);
        Bot = new InboundPostBot(
            new PostTextReader(Reader),
            Model,
            new Extractor(new ExtractionOptions(), TimeProvider.System),
            taxonomy,
            new RouteStepFactory(Store, Blobs, options, TimeProvider.System),
            options,
            // As config/bots.json ships it: the never-automatic list's one home.
            Microsoft.Extensions.Options.Options.Create(new ConfidenceOptions { Bots = { [InboundPostBot.BotName] = new BotConfidenceOptions { NeverAutomatic = ["safeguarding-concern"] } } }),
            NullLogger<InboundPostBot>.Instance);
    }

    public async Task<WorkItem> EnqueueFileAsync(string reference, string name, string mediaType, byte[] content)
    {
        using var stream = new MemoryStream(content);
        var attachment = await Blobs.PutAsync(name, mediaType, stream, CancellationToken.None);
        var result = await Store.EnqueueAsync(
            new NewWorkItem("inbound-post", reference, "{}", [attachment]), "test", CancellationToken.None);
        return result.Item;
    }

    public static string MediaTypeOf(string file) => Path.GetExtension(file).ToUpperInvariant() switch
    {
        ".PDF" => "application/pdf",
        ".PNG" => "image/png",
        ".TIF" or ".TIFF" => "image/tiff",
        _ => "application/octet-stream",
    };

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Ocr.Dispose();
        Reader.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind does no harm.
        }
    }
}
