using System.CommandLine;
using AutomationFleet.Worker.Scheduling;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary>
/// <c>fleet schedules list|pause|resume|trigger</c>. Changes are written to the scheduler's tables in the fleet
/// database; the running host acts on them (a trigger fires within a few seconds).
/// </summary>
public static class SchedulesCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var list = new Command("list", "List schedules with their state and next fire time.");
        cli.SetAction(list, async (parse, cancellationToken) =>
        {
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            await using var admin = await services.OpenSchedulesAsync(cancellationToken);
            var schedules = await admin.ListAsync(cancellationToken);
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(schedules);
            }
            else
            {
                Print(cli.Console.Ansi, schedules);
            }

            return ExitCodes.Success;
        });

        return new Command("schedules", "List, pause, resume and fire schedules.")
        {
            list,
            CreateChange(cli, "pause", "Pause a schedule until resumed (survives restarts).", async (admin, name, token) =>
                await admin.PauseAsync(name, CliCommand.Actor, token) ? $"Paused {name}." : $"{name} was already paused."),
            CreateChange(cli, "resume", "Resume a paused schedule.", async (admin, name, token) =>
                await admin.ResumeAsync(name, token) ? $"Resumed {name}." : $"{name} was not paused."),
            CreateChange(cli, "trigger", "Fire a schedule now (the running fleet fires it within seconds).", async (admin, name, token) =>
            {
                await admin.TriggerAsync(name, token);
                return $"Triggered {name}; the running fleet will fire it shortly.";
            }),
        };
    }

    /// <summary>Prints schedules as a table; also used by <c>fleet status</c>.</summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<ScheduleInfo> schedules)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(schedules);
        if (schedules.Count == 0)
        {
            console.WriteLine("No schedules in the store (the fleet applies config/schedules.json when it starts).");
            return;
        }

        var table = Render.Table("Schedules", "Name", "Queue", "Cron", "Working days", "State", "Next fire", "Last fire");
        foreach (var schedule in schedules)
        {
            table.AddRow(
                Render.Cell(schedule.Name), Render.Cell(schedule.Queue), Render.Cell(schedule.Cron),
                Render.Cell(schedule.WorkingDaysOnly ? "yes" : ""), Render.Cell(schedule.State.ToString()),
                Render.Cell(schedule.NextFireTimeUtc), Render.Cell(schedule.PreviousFireTimeUtc));
        }

        console.Write(table);
    }

    private static Command CreateChange(
        CliCommand cli, string verb, string description, Func<ScheduleAdmin, string, CancellationToken, Task<string>> change)
    {
        var name = new Argument<string>("NAME") { Description = "The schedule's name." };
        var command = new Command(verb, description) { name };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            var schedule = parse.GetValue(name)!;
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            await using var admin = await services.OpenSchedulesAsync(cancellationToken);
            var message = await change(admin, schedule, cancellationToken);
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(new { schedule, action = verb, message });
            }
            else
            {
                cli.Console.Ansi.WriteLine(message);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
