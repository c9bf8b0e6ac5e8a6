using System.CommandLine;
using System.Globalization;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Core.Workers;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary><c>fleet status</c>: paused bots, queue depths by state, live and dead workers, next schedule fires.</summary>
public static class StatusCommand
{
    private static readonly WorkItemState[] States = Enum.GetValues<WorkItemState>();

    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var staleAfter = new Option<TimeSpan?>("--stale-after")
        {
            Description = "A worker not heard from for this long is shown as dead (hh:mm:ss; default Worker:StaleAfter).",
            HelpName = "TIME",
        };
        var command = new Command("status", "Queue depths, workers and upcoming schedule fires.") { staleAfter };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var depths = await services.Queue.GetDepthAsync(cancellationToken);
            var workers = await services.Workers.ListAsync(parse.GetValue(staleAfter) ?? services.WorkerStaleAfter, cancellationToken);
            await using var admin = await services.OpenSchedulesAsync(cancellationToken);
            var schedules = await admin.ListAsync(cancellationToken);
            var paused = await services.Services.GetRequiredService<IBotPauseStore>().ListBotPausesAsync(cancellationToken);

            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(new { queues = depths, workers, schedules, pausedBots = paused });
                return ExitCodes.Success;
            }

            BotsCommand.Print(cli.Console.Ansi, paused);
            PrintDepths(cli.Console.Ansi, depths);
            PrintWorkers(cli.Console.Ansi, workers);
            SchedulesCommand.Print(cli.Console.Ansi, schedules);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void PrintDepths(IAnsiConsole console, IReadOnlyList<QueueDepth> depths)
    {
        if (depths.Count == 0)
        {
            console.WriteLine("No items in any queue.");
            return;
        }

        // Only the states some queue has, so the table fits a terminal.
        var states = States.Where(s => depths.Any(d => d.State == s)).ToList();
        var table = Render.Table("Queues", ["Queue", .. states.Select(s => s.ToString()), "Oldest open"]);
        foreach (var queue in depths.GroupBy(d => d.Queue).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byState = queue.ToDictionary(d => d.State);
            var oldestOpen = queue.Where(d => !WorkItemTransitions.IsTerminal(d.State))
                .Select(d => (DateTimeOffset?)d.OldestCreatedAt).Min();
            table.AddRow(
            [
                Render.Cell(queue.Key),
                .. states.Select(s => Render.Cell(byState.TryGetValue(s, out var d) ? d.Count.ToString(CultureInfo.InvariantCulture) : "")),
                Render.Cell(oldestOpen),
            ]);
        }

        console.Write(table);
    }

    private static void PrintWorkers(IAnsiConsole console, IReadOnlyList<WorkerStatus> workers)
    {
        if (workers.Count == 0)
        {
            console.WriteLine("No worker has reported yet.");
            return;
        }

        var table = Render.Table("Workers", "Worker", "Host", "Pid", "Queues", "In flight", "Started", "Last seen", "State");
        foreach (var worker in workers)
        {
            var state = worker.IsAlive ? "live" : worker.StoppedAt is null ? "DEAD (no heartbeat)" : "stopped";
            table.AddRow(
                Render.Cell(worker.WorkerId), Render.Cell(worker.Host), Render.Cell(worker.ProcessId), Render.Cell(string.Join(", ", worker.Queues)),
                Render.Cell(worker.InFlight), Render.Cell(worker.StartedAt), Render.Cell(worker.LastSeenAt), Render.Cell(state));
        }

        console.Write(table);
    }
}
