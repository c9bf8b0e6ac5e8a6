using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using AutomationFleet.Core.Files;
using AutomationFleet.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Serilog;

namespace AutomationFleet.Worker.Tests.Hosting;

public sealed class FleetLoggingTests : IDisposable
{
    private const string Quoted = "Zebedee Quaxworth of 77 Quillfeather Row";

    private readonly string _directory = Directory.CreateTempSubdirectory("af-logging-").FullName;

    [Fact]
    public void Configure_DefaultSinks_ExceptionWrittenAsTypesAndStackWithoutMessages()
    {
        var file = WriteOneError(new Dictionary<string, string?>(), Path.Combine(_directory, "fleet-*.json"));

        Assert.DoesNotContain("Quaxworth", file, StringComparison.Ordinal);
        Assert.Contains("System.FormatException: " + RedactedException.Withheld, file, StringComparison.Ordinal);
        Assert.Contains("---> System.Text.Json.JsonException", file, StringComparison.Ordinal);
        Assert.Contains(nameof(Throw), file, StringComparison.Ordinal);
        Assert.Contains("item-1", file, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Configure_DefaultSinks_LogFolderOwnerOnlyAndFileReadWriteOwnerOnly()
    {
        var logs = Path.Combine(_directory, "var", "logs");
        var configuration = new ConfigurationBuilder().Build();
        using (var logger = FleetLogging.Configure(new LoggerConfiguration(), configuration, new WorkerOptions { LogDirectory = logs }, "w-1").CreateLogger())
        {
            logger.Information("Item {Reference} read", "item-1");
        }

        Assert.Equal(OwnerOnly.FolderMode, File.GetUnixFileMode(logs));
        Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(Assert.Single(Directory.GetFiles(logs, "fleet-*.json"))));
    }

    [Fact]
    public void Configure_SinksNamedInSerilogWriteTo_AlsoBehindTheRedaction()
    {
        var path = Path.Combine(_directory, "configured.log");
        var settings = new Dictionary<string, string?>
        {
            ["Serilog:Using:0"] = "Serilog.Sinks.File",
            ["Serilog:WriteTo:0:Name"] = "File",
            ["Serilog:WriteTo:0:Args:path"] = path,
            ["Serilog:MinimumLevel:Override:Quiet"] = "Fatal",
        };

        var file = WriteOneError(settings, path);

        Assert.DoesNotContain("Quaxworth", file, StringComparison.Ordinal);
        Assert.Contains("System.FormatException: " + RedactedException.Withheld, file, StringComparison.Ordinal);
        // The levels in the section still apply: they are read by the outer logger, the sinks by the inner one.
        Assert.DoesNotContain("quiet source", file, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_PropertyHoldingTheEventsExceptionMessage_ReplacedByTheExceptionsType()
    {
        var configuration = new ConfigurationBuilder().Build();
        var exception = Catch(() => Throw());
        using (var logger = FleetLogging.Configure(new LoggerConfiguration(), configuration, new WorkerOptions { LogDirectory = _directory }, "w-1").CreateLogger())
        {
            // As Polly's telemetry logs a failed attempt: the exception, and its message as the Result property.
            logger.Warning(exception, "Execution attempt. Result: '{Result}'", exception.Message);
        }

        var file = File.ReadAllText(Assert.Single(Directory.GetFiles(_directory, "fleet-*.json")));
        Assert.DoesNotContain("Quaxworth", file, StringComparison.Ordinal);
        Assert.Contains("\"Result\":\"System.FormatException: " + RedactedException.Withheld, file, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_AggregateOfExceptionsWithInnerOnes_EveryTypeAndStackNoMessage()
    {
        var original = new AggregateException(Quoted, Catch(() => Throw()), new InvalidOperationException(Quoted, new IOException(Quoted)));

        var redacted = new RedactedException(original);

        var text = redacted.ToString();
        Assert.DoesNotContain("Quaxworth", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Quaxworth", redacted.Message, StringComparison.Ordinal);
        Assert.Equal(
            ["System.AggregateException", "System.FormatException", "System.Text.Json.JsonException", "System.InvalidOperationException", "System.IO.IOException"],
            Regex.Matches(text, @"([\w.]+): \[message not logged").Select(m => m.Groups[1].Value));
        Assert.Contains(nameof(Throw), text, StringComparison.Ordinal);
        Assert.Equal(typeof(AggregateException).FullName, redacted.OriginalType);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans the temp folder.
        }
    }

    private string WriteOneError(Dictionary<string, string?> settings, string filePattern)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var worker = new WorkerOptions { LogDirectory = _directory };
        using (var logger = FleetLogging.Configure(new LoggerConfiguration(), configuration, worker, "w-1").CreateLogger())
        {
            logger.Error(Catch(() => Throw()), "Item {Reference} failed", "item-1");
            logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Quiet").Warning("quiet source");
        }

        var files = Directory.GetFiles(Path.GetDirectoryName(filePattern)!, Path.GetFileName(filePattern));
        return File.ReadAllText(Assert.Single(files));
    }

    private static void Throw()
    {
        try
        {
            throw new System.Text.Json.JsonException("near '" + Quoted + "'");
        }
        catch (System.Text.Json.JsonException inner)
        {
            throw new FormatException("Unexpected text '" + Quoted + "'", inner);
        }
    }

    private static Exception Catch(Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception) when (exception is FormatException)
        {
            return exception;
        }

        throw new InvalidOperationException("Expected the action to throw.");
    }
}
