using System.CommandLine;
using AutomationFleet.Bots.ContactForms.Cli;
using AutomationFleet.Bots.FinancialAssessments.Cli;
using AutomationFleet.Bots.IncidentReports.Cli;
using AutomationFleet.Bots.Maintenance.SubjectAccess;
using AutomationFleet.Bots.Updates.Cli;
using AutomationFleet.Worker.Cli.Commands;

namespace AutomationFleet.Worker.Cli;

/// <summary>
/// The <c>fleet</c> command line: <c>run</c> starts the fleet; the other commands read and change the store
/// the fleet uses. Exit codes: 0 success, 1 runtime failure, 2 bad usage or input (<see cref="ExitCodes"/>).
/// </summary>
public static class FleetCli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliConsole.ForProcess(), CancellationToken.None);

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = CreateRootCommand(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"fleet: {error.Message}");
            }

            await console.Error.WriteLineAsync("Run 'fleet --help' (or 'fleet COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Output,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            // The host handles Ctrl+C for 'run' itself and must be given time to release its leases.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An unexpected fault: one line by default; the stack trace only when asked for.
            await console.Error.WriteLineAsync($"fleet: unexpected error: {exception.GetType().Name}: {exception.Message}");
            if (Environment.GetEnvironmentVariable("FLEET_DEBUG") is "1" or "true")
            {
                await console.Error.WriteLineAsync(exception.ToString());
            }
            else
            {
                await console.Error.WriteLineAsync("Set FLEET_DEBUG=1 to see the stack trace.");
            }

            return ExitCodes.Failure;
        }
    }

    /// <summary>The bots' own commands (<see cref="IFleetCommandSource"/>): one line per bot that has any.</summary>
    private static readonly IFleetCommandSource[] BotCommandSources = [new ContactFormCommands(), new AssessmentCommands(), new IncidentCommands(), new SubjectAccessCommands(), new UpdatesCommands()];

    public static RootCommand CreateRootCommand(CliConsole console)
    {
        var globals = new GlobalOptions();
        var cli = new CliCommand(globals, console);
        var root = new RootCommand("AutomationFleet: run the fleet and administer its queues, schedules and review queue.");
        globals.AddTo(root);
        root.Subcommands.Add(RunCommand.Create(cli));
        root.Subcommands.Add(EnqueueCommand.Create(cli));
        root.Subcommands.Add(StatusCommand.Create(cli));
        root.Subcommands.Add(DbCommand.Create(cli));
        root.Subcommands.Add(ItemsCommand.Create(cli));
        root.Subcommands.Add(SchedulesCommand.Create(cli));
        root.Subcommands.Add(ThresholdsCommand.Create(cli));
        root.Subcommands.Add(BotsCommand.Create(cli));
        root.Subcommands.Add(DeadCommand.Create(cli));
        root.Subcommands.Add(ReviewCommand.Create(cli));
        root.Subcommands.Add(BenchCommand.Create(cli));
        root.Subcommands.Add(ClassifierCommand.Create(cli));
        root.Subcommands.Add(ReadCommand.Create(cli));
        root.Subcommands.Add(UsersCommand.Create(cli));
        root.Subcommands.Add(PortalCommand.Create(cli));
        root.Subcommands.Add(IntakeCommand.Create(cli));
        foreach (var source in BotCommandSources)
        {
            foreach (var command in source.CreateCommands(cli))
            {
                root.Subcommands.Add(command);
            }
        }

        return root;
    }
}
