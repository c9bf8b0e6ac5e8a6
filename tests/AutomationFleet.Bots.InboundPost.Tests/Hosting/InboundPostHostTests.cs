using System.Security.Cryptography;
using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Bots.InboundPost.Tests.Bot;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Bots.InboundPost.Tests.Hosting;

[Trait("Category", "Integration")]
public sealed class InboundPostHostTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("af-post-host-").FullName;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FleetHost_LetterAndMailDroppedInInbox_TrainsModelCompletesAndRoutesBoth(bool embeddings)
    {
        var inbox = Path.Combine(_directory, "inbox");
        var outbox = Path.Combine(_directory, "outbox");
        var model = Path.Combine(_directory, "models", "post.model");
        Directory.CreateDirectory(inbox);
        Directory.CreateDirectory(Path.Combine(_directory, "config"));
        var settings = new Dictionary<string, string?>
        {
            ["Store:Path"] = Path.Combine(_directory, "fleet.db"),
            ["Worker:LogDirectory"] = Path.Combine(_directory, "logs"),
            ["Inbox:Path"] = inbox,
            ["Inbox:QuarantinePath"] = Path.Combine(_directory, "quarantine"),
            ["Inbox:ProcessedPath"] = Path.Combine(_directory, "processed"),
            ["Inbox:PollInterval"] = "00:00:00.200",
            ["Queues:inbound-post:Concurrency"] = "2",
            ["Queues:inbound-post:PollInterval"] = "00:00:00.200",
            ["InboundPost:ModelPath"] = model,
            ["InboundPost:TrainingData"] = Repository.File("config", "training", "council-post.csv"),
            ["InboundPost:HeldOutData"] = Repository.File("config", "training", "council-post-heldout.csv"),
            ["InboundPost:TaxonomyPath"] = Repository.File("config", "taxonomy.json"),
            ["InboundPost:DropFolder"] = outbox,
            ["Classification:Embeddings"] = embeddings ? "true" : "false",
            ["TextEmbeddings:CacheDirectory"] = Path.Combine(_directory, "embeddings"),
        };
        using var host = FleetHost.Create(
            ["--config", Path.Combine(_directory, "config")], builder => builder.Configuration.AddInMemoryCollection(settings));
        await host.StartAsync();
        try
        {
            Assert.True(File.Exists(model));
            if (embeddings)
            {
                // Trained with the embedding view: it cannot be loaded without the encoder, and the vectors are cached.
                Assert.Throws<InvalidDataException>(() => TextClassifier.Load(model));
                Assert.True(File.Exists(Path.Combine(_directory, "embeddings", "all-MiniLM-L6-v2", "vectors.bin")));
            }
            else
            {
                Assert.Null(TextClassifier.Load(model).Embeddings);
                Assert.False(Directory.Exists(Path.Combine(_directory, "embeddings")));
            }

            var letter = await File.ReadAllBytesAsync(Repository.File("samples", "letters", "blue-badge-renewal.pdf"));
            var mail = await File.ReadAllBytesAsync(Repository.File("samples", "inbox", "pothole-report.eml"));
            await File.WriteAllBytesAsync(Path.Combine(inbox, "letter.pdf"), letter);
            await File.WriteAllBytesAsync(Path.Combine(inbox, "mail.eml"), mail);
            var letterRef = "inbox:" + Convert.ToHexStringLower(SHA256.HashData(letter));
            var mailRef = "inbox:" + Convert.ToHexStringLower(SHA256.HashData(mail));

            await using var store = new SqliteFleetStore(new SqliteStoreOptions { Path = settings["Store:Path"]! }, TimeProvider.System);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            WorkItem? letterItem = null, mailItem = null;
            while (DateTime.UtcNow < deadline)
            {
                letterItem = await store.FindAsync(letterRef, CancellationToken.None);
                mailItem = await store.FindAsync(mailRef, CancellationToken.None);
                if (letterItem?.State is WorkItemState.Completed or WorkItemState.NeedsReview or WorkItemState.DeadLettered &&
                    mailItem?.State is WorkItemState.Completed or WorkItemState.NeedsReview or WorkItemState.DeadLettered)
                {
                    break;
                }

                await Task.Delay(200);
            }

            Assert.Equal(WorkItemState.Completed, letterItem?.State);
            Assert.Equal(WorkItemState.Completed, mailItem?.State);
            var safe = letterRef.Replace(':', '-');
            Assert.True(File.Exists(Path.Combine(outbox, "outbox-mail", "blue-badge-team", safe + ".json")));
            Assert.True(File.Exists(Path.Combine(outbox, "outbox-mail", "blue-badge-team", safe + "-1.pdf")));
            var handedOff = await store.FindAsync(mailRef + ">incident-reports", CancellationToken.None);
            Assert.Equal(WorkItemState.New, handedOff?.State);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
