using System.CommandLine;
using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Scheduling;
using Microsoft.Data.Sqlite;
using AutomationFleet.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Cli;

/// <summary>What every command's action gets, and the one place that turns expected errors into exit codes.</summary>
public sealed class CliCommand(GlobalOptions globals, CliConsole console) : IFleetCommandContext
{
    public GlobalOptions Globals { get; } = globals;

    public CliConsole Console { get; } = console;

    /// <summary>The actor recorded in audit entries for changes made from the CLI.</summary>
    public static string Actor => Actors.Cli(Environment.UserName);

    public TextWriter Output => Console.Output;

    public TextWriter Error => Console.Error;

    public IConfiguration Configuration(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return CliServices.BuildConfiguration(parseResult.GetValue(Globals.Config), parseResult.GetValue(Globals.Db));
    }

    public bool IsJson(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(Globals.Json);
    }

    public Task<CliServices> OpenAsync(ParseResult parseResult, bool createIfMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return CliServices.OpenAsync(
            parseResult.GetValue(Globals.Config), parseResult.GetValue(Globals.Db), createIfMissing, cancellationToken);
    }

    public async Task<IFleetStoreSession> OpenStoreAsync(ParseResult parseResult, bool createIfMissing, CancellationToken cancellationToken) =>
        await OpenAsync(parseResult, createIfMissing, cancellationToken);

    public async Task<IFleetStoreSession> OpenStoreAsync(ParseResult parseResult, string databasePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return await CliServices.OpenAsync(parseResult.GetValue(Globals.Config), databasePath, createIfMissing: true, cancellationToken);
    }

    /// <summary>
    /// The classifier's text embedder from the configuration (<c>--config</c>): null when
    /// <c>Classification:Embeddings</c> is false.
    /// </summary>
    public ITextEmbedder? TextEmbedder(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return ClassifierEmbedding.FromConfiguration(CliServices.BuildConfiguration(parseResult.GetValue(Globals.Config), null));
    }

    /// <summary>Sets <paramref name="action"/> as the command's action, wrapped in the CLI's error handling.</summary>
    public void SetAction(Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await action(parseResult, cancellationToken);
            }
            catch (Exception exception) when (ExitCodeFor(exception) is { } exitCode)
            {
                await Console.Error.WriteLineAsync($"fleet: {MessageFor(exception)}");
                return exitCode;
            }
        });
    }

    private static int? ExitCodeFor(Exception exception) => exception switch
    {
        CliException cli => cli.ExitCode,
        WorkItemNotFoundException or InvalidStateTransitionException or WorkItemHeldException or ReviewClaimException => ExitCodes.Usage,
        ScheduleNotFoundException => ExitCodes.Usage,
        OptionsValidationException or JsonException => ExitCodes.Usage,
        OperationCanceledException => ExitCodes.Failure,
        SqliteException or IOException or UnauthorizedAccessException => ExitCodes.Failure,
        _ => null,
    };

    private static string MessageFor(Exception exception) => exception switch
    {
        OptionsValidationException options => "configuration is not valid: " + string.Join(" ", options.Failures),
        OperationCanceledException => "cancelled.",
        SqliteException sqlite => $"the fleet database failed: {sqlite.Message}",
        _ => exception.Message,
    };
}
