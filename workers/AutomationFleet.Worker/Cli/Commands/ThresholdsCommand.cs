using System.CommandLine;
using System.Globalization;
using AutomationFleet.Core.Confidence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary>
/// <c>fleet thresholds list|set|clear</c>: confidence threshold overrides in the store, the same ones the admin console
/// sets. Configuration stays the default; an override replaces one setting until cleared, and the running fleet picks it
/// up within <see cref="ThresholdOverrideSource.DefaultCacheDuration"/>. Every change is audited with its reason.
/// </summary>
public static class ThresholdsCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("thresholds", "Confidence thresholds: list what is in force, set or clear an override.")
        {
            CreateList(cli), CreateSet(cli), CreateClear(cli),
        };
    }

    /// <summary>One row of <c>thresholds list</c>: a configured or overridden threshold.</summary>
    public sealed record ThresholdRow(
        string Bot, string? Category, double? Configured, double? Override, double? InForce, bool NeverAutomatic, string? SetBy, DateTimeOffset? SetAt, string? Reason);

    /// <summary>Every bot and category that is configured or overridden, with the value in force.</summary>
    public static IReadOnlyList<ThresholdRow> Rows(ConfidenceOptions options, ThresholdOverrideSet overrides)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(overrides);
        var keys = new List<(string Bot, string? Category)>();
        foreach (var (bot, botOptions) in options.Bots)
        {
            keys.Add((bot, null));
            keys.AddRange(botOptions.Categories.Keys.Concat(botOptions.NeverAutomatic).Select(c => (bot, (string?)c)));
        }

        keys.AddRange(overrides.All.Select(o => (o.Bot, o.Category)));
        return [.. keys
            .DistinctBy(k => (k.Bot.ToUpperInvariant(), k.Category?.ToUpperInvariant()))
            .OrderBy(k => k.Bot, StringComparer.OrdinalIgnoreCase).ThenBy(k => k.Category ?? "", StringComparer.OrdinalIgnoreCase)
            .Select(k => Row(options, overrides, k.Bot, k.Category))];
    }

    private static ThresholdRow Row(ConfidenceOptions options, ThresholdOverrideSet overrides, string bot, string? category)
    {
        options.Bots.TryGetValue(bot, out var botOptions);
        var configured = category is null
            ? botOptions?.Threshold ?? options.DefaultThreshold
            : botOptions is not null && botOptions.Categories.TryGetValue(category, out var value) ? value : (double?)null;
        var never = category is not null && (botOptions?.NeverAutomatic.Contains(category, StringComparer.OrdinalIgnoreCase) ?? false);
        var entry = overrides.Find(bot, category);
        return new ThresholdRow(bot, category, configured, entry?.Threshold, never ? null : entry?.Threshold ?? configured, never, entry?.SetBy, entry?.SetAt, entry?.Reason);
    }

    private static Command CreateList(CliCommand cli)
    {
        var list = new Command("list", "Thresholds per bot and category: configured, overridden, in force.");
        cli.SetAction(list, async (parse, cancellationToken) =>
        {
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var store = services.Services.GetRequiredService<IThresholdOverrideStore>();
            var rows = Rows(Options(services), new ThresholdOverrideSet(await store.ListThresholdOverridesAsync(cancellationToken)));
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(rows);
                return ExitCodes.Success;
            }

            var table = Render.Table("Confidence thresholds", "Bot", "Category", "Configured", "Override", "In force", "Set by", "Set at", "Reason");
            foreach (var row in rows)
            {
                table.AddRow(
                    Render.Cell(row.Bot), Render.Cell(row.Category ?? "(bot's own)"), Render.Cell(Number(row.Configured, "fitted, else bot's")),
                    Render.Cell(Number(row.Override, "")), Render.Cell(row.NeverAutomatic ? "never automatic" : Number(row.InForce, "fitted, else bot's")),
                    Render.Cell(row.SetBy), Render.Cell(row.SetAt), Render.Cell(row.Reason));
            }

            cli.Console.Ansi.Write(table);
            return ExitCodes.Success;
        });
        return list;
    }

    private static Command CreateSet(CliCommand cli)
    {
        var bot = new Argument<string>("BOT") { Description = "The bot's name." };
        var value = new Argument<string>("VALUE") { Description = "The threshold, between 0 and 1 (e.g. 0.95)." };
        var category = CategoryOption();
        var reason = ReasonOption();
        var set = new Command("set", "Override a bot's threshold (or one category's); audited, effective in the running fleet within seconds.")
        {
            bot, value, category, reason,
        };
        cli.SetAction(set, async (parse, cancellationToken) =>
        {
            var botName = parse.GetValue(bot)!.Trim();
            var categoryName = Clean(parse.GetValue(category));
            if (!double.TryParse(parse.GetValue(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
            {
                throw new CliException("VALUE must be a number between 0 and 1, such as 0.95.");
            }

            var why = parse.GetValue(reason);
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            if ((ThresholdOverrideRules.Problem(Options(services), botName, categoryName, threshold) ?? ThresholdOverrideRules.ReasonProblem(why)) is { } problem)
            {
                throw new CliException(problem);
            }

            var store = services.Services.GetRequiredService<IThresholdOverrideStore>();
            var previous = await store.SetThresholdOverrideAsync(botName, categoryName, threshold, CliCommand.Actor, why!.Trim(), cancellationToken);
            var message = $"{Name(botName, categoryName)}: {(previous is null ? "configuration" : "override " + Number(previous.Threshold, ""))} → {Number(threshold, "")}. "
                + $"The running fleet uses it within {ThresholdOverrideSource.DefaultCacheDuration.TotalSeconds:0} seconds.";
            await WriteAsync(cli, parse, message, new { bot = botName, category = categoryName, threshold, previous = previous?.Threshold, action = "set" });
            return ExitCodes.Success;
        });
        return set;
    }

    private static Command CreateClear(CliCommand cli)
    {
        var bot = new Argument<string>("BOT") { Description = "The bot's name." };
        var category = CategoryOption();
        var reason = ReasonOption();
        var clear = new Command("clear", "Remove an override: the configured threshold applies again (audited).") { bot, category, reason };
        cli.SetAction(clear, async (parse, cancellationToken) =>
        {
            var botName = parse.GetValue(bot)!.Trim();
            var categoryName = Clean(parse.GetValue(category));
            var why = parse.GetValue(reason);
            if (ThresholdOverrideRules.ReasonProblem(why) is { } problem)
            {
                throw new CliException(problem);
            }

            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var store = services.Services.GetRequiredService<IThresholdOverrideStore>();
            var removed = await store.ClearThresholdOverrideAsync(botName, categoryName, CliCommand.Actor, why!.Trim(), cancellationToken);
            var message = removed is null
                ? $"{Name(botName, categoryName)} has no override; nothing changed."
                : $"{Name(botName, categoryName)}: override {Number(removed.Threshold, "")} removed; the configured threshold applies again.";
            await WriteAsync(cli, parse, message, new { bot = botName, category = categoryName, removed = removed?.Threshold, action = "clear" });
            return ExitCodes.Success;
        });
        return clear;
    }

    private static Option<string?> CategoryOption() =>
        new("--category") { Description = "The category; without it, the bot's own threshold.", HelpName = "C" };

    private static Option<string> ReasonOption() =>
        new("--reason") { Description = "Why (kept in the security audit).", Required = true, HelpName = "R" };

    private static ConfidenceOptions Options(CliServices services) =>
        services.Configuration.GetSection(ConfidenceOptions.SectionName).Get<ConfidenceOptions>() ?? new ConfidenceOptions();

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

    private static string Name(string bot, string? category) => category is null ? $"{bot} (the bot's own threshold)" : $"{bot}/{category}";

    private static string Number(double? value, string none) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? none;

    private static string? Clean(string? category) => string.IsNullOrWhiteSpace(category) ? null : category.Trim();
}
