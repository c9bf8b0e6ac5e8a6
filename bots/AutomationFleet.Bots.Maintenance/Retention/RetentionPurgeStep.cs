using System.Text.Json;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;

namespace AutomationFleet.Bots.Maintenance.Retention;

/// <summary>
/// Carries out a purge: for each expired item, deletes its documents that no other unredacted item still holds, then
/// redacts it; then writes one security-audit row per policy with the counts. Documents go before the redaction so that
/// a worker cut off between the two leaves an item the next purge finds again (its document list intact), never a
/// document no item lists. Idempotent: a deleted document or a redacted item is not counted twice. Last, audit rows older
/// than <c>Retention:AuditTrailKeptFor</c> are deleted by the store, which audits that in the same transaction (a row
/// this purge cannot delete: it is newer than the bound).
/// </summary>
public sealed class RetentionPurgeStep(
    IWorkQueue queue, IRetentionStore store, IBlobStore blobs, IUserStore audit, ILogger<RetentionPurgeStep> logger) : IDeliveryStep
{
    /// <summary>The actor of every redaction and purge audit row.</summary>
    public static readonly string Actor = Actors.System(MaintenanceTasks.RetentionPurge);

    public string Name => "retention-purge";

    public bool IsIdempotent => true;

    public string Pipeline => FleetPipelines.Delivery;

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (MaintenanceBot.OutcomeOf(context.Outcome.OutcomeJson).Purge is not { } batches)
        {
            return null;
        }

        var results = new List<object>();
        foreach (var batch in batches)
        {
            var (redacted, deleted, kept) = (0, 0, 0);
            var reason = RetentionRules.RedactedReason(batch.Policy, batch.RedactAfter);
            foreach (var reference in batch.References)
            {
                var item = await queue.FindAsync(reference, cancellationToken);
                if (item is null || !RetentionRules.MayRedact(item.State))
                {
                    continue;
                }

                foreach (var hash in item.Attachments.Select(a => a.ContentHash).Distinct(StringComparer.Ordinal))
                {
                    if (await store.IsBlobReferencedAsync(hash, item.Id, cancellationToken))
                    {
                        kept++;
                    }
                    else if (await blobs.DeleteAsync(hash, cancellationToken))
                    {
                        deleted++;
                    }
                }

                redacted += await store.RedactAsync(item.Id, Actor, reason, cancellationToken) ? 1 : 0;
            }

            await audit.AppendSecurityEventAsync(RetentionRules.PurgeEvent(Actor, batch.Policy, redacted, deleted, kept), cancellationToken);
            logger.LogInformation(
                "Retention policy {Policy}: {Redacted} item(s) redacted, {Deleted} document(s) deleted, {Kept} kept for a newer item ({Reference})",
                batch.Policy, redacted, deleted, kept, context.Item.Reference);
            results.Add(new { policy = batch.Policy, redacted, deleted, kept });
        }

        if (MaintenanceBot.OutcomeOf(context.Outcome.OutcomeJson).AuditTrailBefore is { } before)
        {
            var purged = await store.PurgeAuditTrailAsync(before, Actor, cancellationToken);
            logger.LogInformation(
                "Audit trail: rows before {Before:O} deleted, {ItemRows} of items, {SecurityRows} security, {IncidentRows} of incidents ({Reference})",
                before, purged.ItemRows, purged.SecurityRows, purged.IncidentRows, context.Item.Reference);
            results.Add(new { policy = RetentionRules.AuditTrailPolicy, purged.ItemRows, purged.SecurityRows, purged.IncidentRows });
        }

        return JsonSerializer.Serialize(results);
    }
}
