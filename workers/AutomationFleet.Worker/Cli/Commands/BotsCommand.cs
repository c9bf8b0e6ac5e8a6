using System.CommandLine;
using AutomationFleet.Core.Bots;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary>
/// <c>fleet bots list|pause|resume</c>: pause a bot on every worker at once, kept in the store (so it survives restarts)
/// and audited with its reason, the same pause the admin console sets. Every worker's consumers of the bot stop taking
/// items within <see cref="BotPauseSource.DefaultCacheDuration"/> and give back what they hold but have not started.
/// </summary>
public static class BotsCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("bots", "Pause or resume a bot fleet-wide; list paused bots.") { CreateList(cli), CreatePause(cli), CreateResume(cli) };
    }

    /// <summary>Prints the paused bots (also part of <c>fleet status</c>).</summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<BotPause> pauses)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(pauses);
        if (pauses.Count == 0)
        {
            console.WriteLine("No bot is paused.");
            return;
        }

        var table = Render.Table("Paused bots", "Bot", "Paused by", "Since", "Reason");
        foreach (var pause in pauses)
        {
            table.AddRow(Render.Cell(pause.Bot), Render.Cell(pause.PausedBy), Render.Cell(pause.PausedAt), Render.Cell(pause.Reason));
        }

        console.Write(table);
    }

    private static Command CreateList(CliCommand cli)
    {
        var list = new Command("list", "The bots paused now, by whom, since when and why.");
        cli.SetAction(list, async (parse, cancellationToken) =>
        {
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var pauses = await services.Services.GetRequiredService<IBotPauseStore>().ListBotPausesAsync(cancellationToken);
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(new { paused = pauses });
            }
            else
            {
                Print(cli.Console.Ansi, pauses);
            }

            return ExitCodes.Success;
        });
        return list;
    }

    private static Command CreatePause(CliCommand cli)
    {
        var bot = BotArgument();
        var reason = ReasonOption();
        var pause = new Command("pause", "Stop every worker taking items for the bot (audited; survives restarts).") { bot, reason };
        cli.SetAction(pause, async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(bot)!.Trim();
            var why = Reason(parse.GetValue(reason));
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var change = await services.Services.GetRequiredService<IBotPauseStore>().PauseBotAsync(name, CliCommand.Actor, why, cancellationToken);
            var message = change.Changed
                ? $"Bot {name} paused. Every worker stops taking its items within {BotPauseSource.DefaultCacheDuration.TotalSeconds:0} seconds; "
                    + "items it is working on finish, the rest of their batches go back to the queue."
                : $"Bot {change.Pause.Bot} was already paused by {change.Pause.PausedBy} at {change.Pause.PausedAt:yyyy-MM-dd HH:mm:ss} UTC ({change.Pause.Reason}); nothing changed.";
            await WriteAsync(cli, parse, message, new { bot = change.Pause.Bot, paused = true, changed = change.Changed, change.Pause.PausedBy, change.Pause.PausedAt, change.Pause.Reason });
            return ExitCodes.Success;
        });
        return pause;
    }

    private static Command CreateResume(CliCommand cli)
    {
        var bot = BotArgument();
        var reason = ReasonOption();
        var resume = new Command("resume", "Let workers take the bot's items again (audited).") { bot, reason };
        cli.SetAction(resume, async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(bot)!.Trim();
            var why = Reason(parse.GetValue(reason));
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var ended = await services.Services.GetRequiredService<IBotPauseStore>().ResumeBotAsync(name, CliCommand.Actor, why, cancellationToken);
            var message = ended is null
                ? $"Bot {name} is not paused; nothing changed."
                : $"Bot {ended.Bot} resumed (paused by {ended.PausedBy}). Workers take its items again within {BotPauseSource.DefaultCacheDuration.TotalSeconds:0} seconds.";
            await WriteAsync(cli, parse, message, new { bot = ended?.Bot ?? name, paused = false, changed = ended is not null });
            return ExitCodes.Success;
        });
        return resume;
    }

    private static string Reason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new CliException("Give a reason with --reason: it is kept in the security audit.");
        }

        if (reason.Trim().Length > BotPause.MaxReasonLength)
        {
            throw new CliException($"The reason is longer than {BotPause.MaxReasonLength} characters.");
        }

        return reason.Trim();
    }

    private static Argument<string> BotArgument() => new("NAME") { Description = "The bot's name (as in fleet status)." };

    private static Option<string> ReasonOption() =>
        new("--reason") { Description = "Why (kept in the security audit).", Required = true, HelpName = "R" };

    private static async Task WriteAsync(CliCommand cli, ParseResult parse, string message, object json)
    {
        if (cli.IsJson(parse))
        {
            await cli.Console.WriteJsonAsync(json);
        }
        else
        {
            await cli.Console.Output.WriteLineAsync(message);
        }
    }
}
