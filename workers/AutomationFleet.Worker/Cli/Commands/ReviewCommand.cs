using System.CommandLine;
using System.Globalization;
using AutomationFleet.Core.Review;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary>
/// <c>fleet review list</c>: the open review queue in the order reviewers get it, with each task's service; filters by
/// bot, category and service.
/// </summary>
public static class ReviewCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var bot = new Option<string?>("--bot") { Description = "Only this bot's proposals.", HelpName = "B" };
        var category = new Option<string?>("--category") { Description = "Only this proposed category.", HelpName = "C" };
        var service = new Option<string?>("--service") { Description = "Only tasks for this service (as granted with users grant --service).", HelpName = "S" };
        var limit = new Option<int>("--limit") { Description = "At most this many.", DefaultValueFactory = _ => 100, HelpName = "N" };
        var list = new Command("list", "List open review tasks: urgent, escalated, due date, age.") { bot, category, service, limit };
        cli.SetAction(list, async (parse, cancellationToken) =>
        {
            var max = parse.GetValue(limit);
            if (max < 1)
            {
                throw new CliException("--limit must be at least 1.");
            }

            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var tasks = await services.Review.ListAsync(
                new ReviewFilter(parse.GetValue(bot), parse.GetValue(category), null, max) { Service = parse.GetValue(service) },
                cancellationToken);
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(tasks);
                return ExitCodes.Success;
            }

            if (tasks.Count == 0)
            {
                cli.Console.Ansi.WriteLine("The review queue is empty.");
                return ExitCodes.Success;
            }

            var table = Render.Table(
                "Review queue", "Reference", "Queue", "Bot", "Category", "Service", "Confidence", "Urgent", "Escalated", "Claimed by", "Due", "Since", "Why");
            foreach (var task in tasks)
            {
                var request = task.Request;
                table.AddRow(
                    Render.Cell(task.Reference), Render.Cell(task.Queue), Render.Cell(request.Bot), Render.Cell(request.Category), Render.Cell(request.Service),
                    Render.Cell(request.Confidence.ToString("0.000", CultureInfo.InvariantCulture)),
                    Render.Cell(request.Urgent ? "URGENT" : ""), Render.Cell(task.Escalated ? "yes" : ""), Render.Cell(task.ClaimedBy),
                    Render.Cell(task.DueAt), Render.Cell(task.CreatedAt), Render.Cell(string.Join("; ", request.Reasons)));
            }

            cli.Console.Ansi.Write(table);
            return ExitCodes.Success;
        });

        return new Command("review", "The review queue.") { list };
    }
}
