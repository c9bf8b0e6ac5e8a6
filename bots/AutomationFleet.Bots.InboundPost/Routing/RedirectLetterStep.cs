using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Files;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// A <c>redirect</c> route without mail: writes the letter telling the sender where to go (<c>{reference}.letter.txt</c>,
/// wording from the category's <see cref="RedirectDestinations"/>), then the item's documents and summary as a
/// <see cref="DropFolderStep"/> does, into <c>{DropFolder}/{folder}</c>, for a person to post. Every file is named by the
/// item's reference and written once, so a redo writes nothing twice; the summary, written last, marks it complete.
/// </summary>
public sealed class RedirectLetterStep : IDeliveryStep
{
    private readonly RedirectDestinations _redirects;
    private readonly DropFolderStep _folder;

    public RedirectLetterStep(TaxonomyCategory category, string directory, IBlobStore blobs, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(category);
        _redirects = category.Route.Redirects
            ?? throw new ArgumentException($"The category '{category.Id}' has no redirect destinations.", nameof(category));
        Name = $"redirect:{category.Route.Target}";
        _folder = new DropFolderStep(Name, directory, blobs, timeProvider);
    }

    public string Name { get; }

    public bool IsIdempotent => true;

    public string Pipeline => FleetPipelines.Delivery;

    public string Directory => _folder.Directory;

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = JsonNode.Parse(context.Outcome.OutcomeJson) as JsonObject ?? [];
        var destination = RedirectOutcome.DestinationOf(outcome, _redirects);
        var reference = CitizenReference.For(context.Item);
        var letterName = DropFolderStep.SafeName(context.Item.Reference) + ".letter.txt";
        var letter = Encoding.UTF8.GetBytes(_redirects.SubjectFor(destination, reference) + "\n\n" + _redirects.TextFor(destination, reference));
        OwnerOnly.CreateFolder(_folder.Directory);
        await WriteOnceFile.WriteAsync(
            Path.Combine(_folder.Directory, letterName), s => s.WriteAsync(letter, cancellationToken).AsTask(), cancellationToken);

        var delivered = RedirectOutcome.WithDelivery(outcome, destination, "letter", letterName);
        var withRedirect = context with { Outcome = context.Outcome with { OutcomeJson = delivered.ToJsonString() } };
        var folder = await _folder.DeliverAsync(withRedirect, cancellationToken);
        return JsonSerializer.Serialize(new
        {
            delivery = "letter",
            destination = destination.Id,
            letter = letterName,
            folder = folder is null ? null : JsonNode.Parse(folder),
        });
    }
}
