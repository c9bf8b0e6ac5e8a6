using System.CommandLine;
using System.Globalization;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary><c>fleet items show REF</c>: one item, its audit trail, its side effects and any open review task; <c>fleet items cancel REF</c>.</summary>
public static class ItemsCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var reference = new Argument<string>("REF") { Description = "The item's reference." };
        var show = new Command("show", "Show an item with its full audit trail and side-effect ledger.") { reference };
        cli.SetAction(show, async (parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(reference)!;
            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var item = await services.Queue.FindAsync(wanted, cancellationToken)
                ?? throw new CliException($"No work item with reference '{wanted}'.");
            var trail = await services.Queue.GetAuditTrailAsync(item.Id, cancellationToken);
            var sideEffects = await services.Ledger.ListAsync(item.Id, cancellationToken);
            var review = item.State == WorkItemState.NeedsReview ? await services.Review.GetAsync(item.Id, cancellationToken) : null;

            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(new
                {
                    item = ItemView.From(item),
                    audit = trail,
                    sideEffects = sideEffects.Select(s => new
                    {
                        s.Key, s.Step, s.IsIdempotent, s.Status, s.StartedAt, s.CompletedAt, result = JsonView.Embed(s.ResultJson),
                    }),
                    review,
                });
            }
            else
            {
                Print(cli.Console.Ansi, item, trail, sideEffects, review);
            }

            return ExitCodes.Success;
        });

        return new Command("items", "Inspect work items; cancel one.") { show, CreateCancel(cli) };
    }

    /// <summary>
    /// <c>fleet items cancel REF --reason R</c>: the item moves to Cancelled (final), its payload, documents and trail
    /// kept, audited in its trail and the security audit. Refused for a finished item and for one a worker holds under
    /// a live lease (exit 2; pause its bot or wait).
    /// </summary>
    private static Command CreateCancel(CliCommand cli)
    {
        var reference = new Argument<string>("REF") { Description = "The item's reference." };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the item's audit trail).", Required = true, HelpName = "R" };
        var cancel = new Command("cancel", "Withdraw an item: it moves to Cancelled, nothing of it is deleted (audited).") { reference, reason };
        cli.SetAction(cancel, async (parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(reference)!.Trim();
            var why = parse.GetValue(reason);
            if (string.IsNullOrWhiteSpace(why))
            {
                throw new CliException("Give a reason with --reason: it is kept in the item's audit trail.");
            }

            await using var services = await cli.OpenAsync(parse, createIfMissing: false, cancellationToken);
            var before = await services.Queue.FindAsync(wanted, cancellationToken)
                ?? throw new CliException($"No work item with reference '{wanted}'.");
            var cancelled = await services.Queue.CancelAsync(before.Reference, CliCommand.Actor, why.Trim(), cancellationToken);
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(new { item = ItemView.From(cancelled), from = before.State });
            }
            else
            {
                await cli.Console.Output.WriteLineAsync($"Item {cancelled.Reference} cancelled (was {before.State}); its payload, documents and audit trail are kept.");
            }

            return ExitCodes.Success;
        });
        return cancel;
    }

    private static void Print(
        IAnsiConsole console, WorkItem item, IReadOnlyList<AuditEntry> trail, IReadOnlyList<SideEffectRecord> sideEffects, ReviewTask? review)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string? value) => grid.AddRow(new Markup($"[bold]{Markup.Escape(name)}[/]"), Render.Cell(value));
        Row("Reference", item.Reference);
        Row("Id", item.Id.ToString(CultureInfo.InvariantCulture));
        Row("Short reference", ShortReference.For(item));
        Row("Queue", item.Queue);
        Row("State", item.State.ToString());
        Row("Attempts", item.Attempts.ToString(CultureInfo.InvariantCulture));
        Row("Priority", item.Priority.ToString(CultureInfo.InvariantCulture));
        Row("Due", Render.Time(item.DueAt));
        Row("Created", Render.Time(item.CreatedAt));
        Row("Updated", Render.Time(item.UpdatedAt));
        if (item.LeaseOwner is not null)
        {
            Row("Lease", $"{item.LeaseOwner} until {Render.Time(item.LeaseExpiresAt)}");
        }

        if (item.NextAttemptAt is not null)
        {
            Row("Next attempt", Render.Time(item.NextAttemptAt));
        }

        Row("Payload", item.PayloadJson);
        if (item.OutcomeJson is not null)
        {
            Row("Outcome", item.OutcomeJson);
            Row("Decided by", $"{item.OutcomeDecidedBy} (confidence {item.Confidence?.ToString("0.000", CultureInfo.InvariantCulture)})");
        }

        if (item.LastError is not null)
        {
            Row("Last error", item.LastError);
        }

        foreach (var attachment in item.Attachments)
        {
            Row("Attachment", $"{attachment.MediaType}, {attachment.Length} bytes, sha256 {attachment.ContentHash}");
        }

        console.Write(new Panel(grid).Header(Markup.Escape($"Item {item.Reference}")));

        var audit = Render.Table("Audit trail", "At", "Actor", "From", "To", "Reason");
        foreach (var entry in trail)
        {
            audit.AddRow(
                Render.Cell(entry.At), Render.Cell(entry.Actor), Render.Cell(entry.From?.ToString() ?? "(created)"),
                Render.Cell(entry.To.ToString()), Render.Cell(entry.Reason));
        }

        console.Write(audit);

        if (sideEffects.Count == 0)
        {
            console.WriteLine("No side effects recorded.");
        }
        else
        {
            var ledger = Render.Table("Side effects", "Step", "Status", "Idempotent", "Started", "Completed", "Result");
            foreach (var effect in sideEffects)
            {
                ledger.AddRow(
                    Render.Cell(effect.Step), Render.Cell(effect.Status.ToString()), Render.Cell(effect.IsIdempotent ? "yes" : "no"),
                    Render.Cell(effect.StartedAt), Render.Cell(effect.CompletedAt), Render.Cell(effect.ResultJson));
            }

            console.Write(ledger);
        }

        if (review is not null)
        {
            var request = review.Request;
            var lines = new Grid().AddColumn().AddColumn();
            lines.AddRow(new Markup("[bold]Bot[/]"), Render.Cell(request.Bot));
            lines.AddRow(new Markup("[bold]Category[/]"), Render.Cell(request.Category));
            lines.AddRow(new Markup("[bold]Confidence[/]"), Render.Cell(request.Confidence.ToString("0.000", CultureInfo.InvariantCulture)));
            lines.AddRow(new Markup("[bold]Urgent[/]"), Render.Cell(request.Urgent ? "yes" : "no"));
            lines.AddRow(new Markup("[bold]Escalated[/]"), Render.Cell(review.Escalated ? "yes" : "no"));
            lines.AddRow(new Markup("[bold]Claimed by[/]"), Render.Cell(review.ClaimedBy));
            lines.AddRow(new Markup("[bold]Why a person[/]"), Render.Cell(string.Join(Environment.NewLine, request.Reasons)));
            console.Write(new Panel(lines).Header("Review task"));
        }
    }
}
