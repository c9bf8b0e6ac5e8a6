using AutomationFleet.Core.Privacy;
using AutomationFleet.Worker.Hosting;
using AutomationFleet.Worker.Tests.EndToEnd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutomationFleet.Worker.Tests.Hosting;

/// <summary>
/// Issue 13 §3: a host whose logging is registered as every fleet host registers it (<see cref="FleetLogging.AddFleetLogging"/>)
/// erases a value classified <see cref="FleetTaxonomy.PersonalData"/> before the console and the compact-JSON file see it.
/// </summary>
[Collection(ConsoleCaptureCollection.Name)]
public sealed partial class FleetLoggingRedactionTests : IDisposable
{
    private const string Sender = "zebedee.quaxworth@example.invalid";

    private readonly string _directory = Directory.CreateTempSubdirectory("af-redaction-").FullName;

    [Fact]
    public async Task AddFleetLogging_PersonalDataParameter_ErasedFromFileAndConsoleReferenceKept()
    {
        var logs = Path.Combine(_directory, "logs");
        using var console = new ConsoleCapture();
        using (var host = CreateHost(logs, "w-redact"))
        {
            await host.StartAsync();
            MessageEnqueued(host.Services.GetRequiredService<ILogger<FleetLoggingRedactionTests>>(), "item-7731", Sender);
            await host.StopAsync();
        }

        var file = File.ReadAllText(Assert.Single(Directory.GetFiles(logs, "fleet-*.json")));
        Assert.Contains("item-7731", file, StringComparison.Ordinal);
        Assert.Contains("\"WorkerId\":\"w-redact\"", file, StringComparison.Ordinal);
        Assert.DoesNotContain("quaxworth", file, StringComparison.OrdinalIgnoreCase);
        // Erased by the redactor, not dropped: without the extended factory the classified property is missing altogether.
        Assert.Contains("\"Sender\":\"\"", file, StringComparison.Ordinal);
        Assert.Contains("Message item-7731 from  enqueued", console.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("quaxworth", console.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AddFleetLogging_TwoHostsInOneProcess_EachWritesOnlyItsOwnFile()
    {
        var first = Path.Combine(_directory, "first");
        var second = Path.Combine(_directory, "second");
        using (var one = CreateHost(first, "w-one"))
        using (var two = CreateHost(second, "w-two"))
        {
            one.Services.GetRequiredService<ILogger<FleetLoggingRedactionTests>>().LogInformation("Item {Reference} read", "item-one");
            two.Services.GetRequiredService<ILogger<FleetLoggingRedactionTests>>().LogInformation("Item {Reference} read", "item-two");
        }

        var firstFile = File.ReadAllText(Assert.Single(Directory.GetFiles(first, "fleet-*.json")));
        var secondFile = File.ReadAllText(Assert.Single(Directory.GetFiles(second, "fleet-*.json")));
        Assert.Contains("item-one", firstFile, StringComparison.Ordinal);
        Assert.DoesNotContain("item-two", firstFile, StringComparison.Ordinal);
        Assert.Contains("item-two", secondFile, StringComparison.Ordinal);
        Assert.DoesNotContain("item-one", secondFile, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static IHost CreateHost(string logDirectory, string workerId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{WorkerOptions.SectionName}:LogDirectory"] = logDirectory,
        });
        builder.Services.AddFleetLogging(builder.Configuration, _ => workerId);
        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {Reference} from {Sender} enqueued")]
    private static partial void MessageEnqueued(ILogger logger, string reference, [PersonalData] string sender);
}
