using System.CommandLine;
using System.Text.Json;
using AutomationFleet.Cli;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Bots.Updates.Cli;

/// <summary>
/// <c>fleet updates opt-out --email ADDRESS | --reference REF</c>: stops updates to an address (kept as its hash) or about
/// an item (its full or short reference), for a citizen who asked by phone or letter. Audited as <c>cli:USER</c>; the
/// address is never printed back.
/// </summary>
public sealed class UpdatesCommands : IFleetCommandSource
{
    /// <inheritdoc />
    public IEnumerable<Command> CreateCommands(IFleetCommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var email = new Option<string?>("--email") { Description = "Stop every update to this address.", HelpName = "ADDRESS" };
        var reference = new Option<string?>("--reference") { Description = "Stop updates about this item (full or short reference, AF-000123).", HelpName = "REF" };
        var optOut = new Command("opt-out", "Stop proactive updates to an address or about an item (audited).") { email, reference };
        context.SetAction(optOut, async (parse, cancellationToken) =>
        {
            var address = parse.GetValue(email);
            var itemReference = parse.GetValue(reference);
            if ((address is null) == (itemReference is null))
            {
                throw new CliException("Give either --email or --reference (not both).");
            }

            if (address is not null && (!MimeKit.MailboxAddress.TryParse(address, out var mailbox) || !mailbox.Address.Contains('@', StringComparison.Ordinal)))
            {
                throw new CliException("--email is not an e-mail address.");
            }

            await using var session = await context.OpenStoreAsync(parse, createIfMissing: false, cancellationToken);
            var services = session.Services;
            string? root = null;
            if (itemReference is not null)
            {
                var queue = services.GetRequiredService<IWorkQueue>();
                var item = await queue.FindAsync(itemReference, cancellationToken);
                if (item is null && ShortReference.TryParse(itemReference, out var id))
                {
                    // A short reference is the store id; the item's trail names its full reference.
                    var trail = await queue.GetAuditTrailAsync(id, cancellationToken);
                    item = trail.Count == 0 ? null : await queue.FindAsync(trail[0].Reference, cancellationToken);
                }

                root = UpdateRequest.RootOf(item?.Reference ?? throw new CliException($"--reference: no item '{itemReference}'."));
            }

            var changed = await services.GetRequiredService<IUpdateStore>().OptOutAsync(
                new UpdateOptOut(address is null ? null : UpdateRecipient.HashOf(address), root), Actors.Cli(Environment.UserName), cancellationToken);
            var what = root is null ? "that address" : $"item {root}";
            if (context.IsJson(parse))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { optedOut = root ?? "address", changed }));
            }
            else
            {
                await context.Output.WriteLineAsync(changed ? $"no further updates to {what}" : $"{what} had already opted out");
            }

            return 0;
        });
        return [new Command("updates", "Proactive updates to the people items come from.") { optOut }];
    }
}
