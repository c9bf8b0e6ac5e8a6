using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// The embedded default: <c>queue</c> routes hand the item to that queue as a <see cref="PostHandoff"/> (<see cref="QueueHandoffStep"/>), <c>folder</c>
/// routes write it to <c>{DropFolder}/{folder}</c>, and <c>email</c> routes — until the mail connector's step is plugged in
/// through <see cref="IRouteStepFactory"/> — write it to <c>{DropFolder}/outbox-mail/{service}</c> with the address in the summary;
/// <c>redirect</c> routes write the letter telling the sender where to go, with the item, to <c>{DropFolder}/{folder}</c>.
/// </summary>
public sealed class RouteStepFactory(IWorkQueue queue, IBlobStore blobs, IOptions<InboundPostOptions> options, TimeProvider timeProvider)
    : IRouteStepFactory
{
    public const string MailOutboxFolder = "outbox-mail";

    public IDeliveryStep Create(TaxonomyCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var dropFolder = options.Value.DropFolder;
        return category.Route.Kind switch
        {
            RouteKind.Queue => new QueueHandoffStep(queue, category.Route.Target, PostHandoff.PayloadFor),
            RouteKind.Folder => new DropFolderStep(
                $"drop:{category.Route.Target}", Path.Combine(dropFolder, category.Route.Target), blobs, timeProvider),
            RouteKind.Email => new DropFolderStep(
                $"drop:{MailOutboxFolder}/{DropFolderStep.SafeName(category.Service)}",
                Path.Combine(dropFolder, MailOutboxFolder, DropFolderStep.SafeName(category.Service)),
                blobs,
                timeProvider,
                category.Route.Target),
            RouteKind.Redirect => new RedirectLetterStep(category, Path.Combine(dropFolder, category.Route.Target), blobs, timeProvider),
            _ => throw new ArgumentOutOfRangeException(nameof(category), category.Route.Kind, "Unknown route kind."),
        };
    }
}
