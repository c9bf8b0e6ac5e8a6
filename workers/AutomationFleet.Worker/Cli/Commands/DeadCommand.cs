using System.CommandLine;
using AutomationFleet.Core.WorkItems;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary><c>fleet dead list|replay</c>: items whose attempts ran out after system faults.</summary>
public static class DeadCommand
{
    private const int ReplayBatch = 500;

    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("dead", "Dead-lettered items: list them, replay them.") { CreateList(cli), CreateReplay(cli) };
    }

    private static Command CreateList(CliCommand cli)
    {
        var queue = new Option<string?>("--queue") { Description = "Only this queue.", HelpName = "Q" };
        var limit = new Option<int>("--limit") { Description = "At most this many.", DefaultValueFactory = _ => 100, HelpName = "N" };
        var list = new Command("list", "List dead-lettered items, oldest first.") { queue, limit };
        cli.SetAction(list, async (parse, cancellationToken) =>
        {
            var max = parse.GetValue(limit);
            if (max < 1)
            {
                throw new CliException("--limit must be at least 1.");
            }

            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var items = await services.Queue.ListAsync(WorkItemState.DeadLettered, parse.GetValue(queue), max, cancellationToken);
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(items.Select(ItemView.From));
                return ExitCodes.Success;
            }

            if (items.Count == 0)
            {
                cli.Console.Ansi.WriteLine("No dead-lettered items.");
                return ExitCodes.Success;
            }

            var table = Render.Table("Dead-lettered items", "Reference", "Queue", "Attempts", "Created", "Updated", "Last error");
            foreach (var item in items)
            {
                table.AddRow(
                    Render.Cell(item.Reference), Render.Cell(item.Queue), Render.Cell(item.Attempts), Render.Cell(item.CreatedAt),
                    Render.Cell(item.UpdatedAt), Render.Cell(item.LastError));
            }

            cli.Console.Ansi.Write(table);
            return ExitCodes.Success;
        });
        return list;
    }

    private static Command CreateReplay(CliCommand cli)
    {
        var reference = new Argument<string?>("REF") { Description = "The item to replay.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Replay every dead-lettered item (of --queue, if given)." };
        var queue = new Option<string?>("--queue") { Description = "With --all: only this queue.", HelpName = "Q" };
        var reason = new Option<string>("--reason")
        {
            Description = "Why, for the audit trail.",
            DefaultValueFactory = _ => "Replayed by an administrator from the CLI.",
        };
        var replay = new Command("replay", "Send dead-lettered items back to New with their attempts reset.") { reference, all, queue, reason };
        cli.SetAction(replay, async (parse, cancellationToken) =>
        {
            var one = parse.GetValue(reference);
            var everything = parse.GetValue(all);
            if (one is null == !everything)
            {
                throw new CliException("Give either a reference or --all.");
            }

            if (one is not null && parse.GetValue(queue) is not null)
            {
                throw new CliException("--queue only goes with --all.");
            }

            var why = parse.GetValue(reason) ?? "";
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var replayed = new List<WorkItem>();
            if (one is not null)
            {
                var item = await services.Queue.FindAsync(one, cancellationToken)
                    ?? throw new CliException($"No work item with reference '{one}'.");
                if (item.State != WorkItemState.DeadLettered)
                {
                    throw new CliException($"Item {item.Reference} is {item.State}, not dead-lettered; only dead-lettered items can be replayed.");
                }

                replayed.Add(await services.Queue.ReplayAsync(one, CliCommand.Actor, why, cancellationToken));
            }
            else
            {
                IReadOnlyList<WorkItem> batch;
                do
                {
                    batch = await services.Queue.ListAsync(WorkItemState.DeadLettered, parse.GetValue(queue), ReplayBatch, cancellationToken);
                    foreach (var item in batch)
                    {
                        replayed.Add(await services.Queue.ReplayAsync(item.Reference, CliCommand.Actor, why, cancellationToken));
                    }
                }
                while (batch.Count == ReplayBatch);
            }

            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(new { replayed = replayed.Select(i => i.Reference) });
            }
            else
            {
                foreach (var item in replayed)
                {
                    cli.Console.Ansi.WriteLine($"Replayed {item.Reference} (queue {item.Queue}); it is {item.State} again.");
                }

                cli.Console.Ansi.WriteLine($"{replayed.Count} item(s) replayed.");
            }

            return ExitCodes.Success;
        });
        return replay;
    }
}
