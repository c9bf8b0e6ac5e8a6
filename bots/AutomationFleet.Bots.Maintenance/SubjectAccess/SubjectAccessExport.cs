using System.Text.Json;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Files;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Privacy;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.Maintenance.SubjectAccess;

/// <summary>
/// Gathers everything the fleet holds about one person and writes it to a folder: <c>subject-access.json</c> (the work
/// items about them, each with its review task, side-effect ledger and audit trail; the incidents their items are linked
/// to, with their audit) and <c>documents/</c> (the original documents). The export itself is written to the security
/// audit: who, the search kind and the counts, never the searched values.
/// </summary>
public sealed class SubjectAccessExport(
    ISubjectAccessStore search, IReviewQueue reviews, ISideEffectLedger ledger, IWorkQueue queue, IIncidentStore incidents, IBlobStore blobs, IUserStore audit)
{
    /// <summary>The security-audit target of every export.</summary>
    public const string AuditTarget = "subject-access";

    // Beyond this many candidates the store's search is too broad to be one person's; the export says so.
    internal const int MaxCandidates = 10_000;

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<SubjectAccessSummary> RunAsync(SubjectQuery query, string directory, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var candidates = await search.FindItemsMentioningAsync(query.SearchTerms(), MaxCandidates, cancellationToken);
        var items = new List<object>();
        var incidentsFound = new Dictionary<string, object>(StringComparer.Ordinal);
        var documents = 0;
        OwnerOnly.CreateFolder(directory);
        foreach (var item in candidates)
        {
            var task = await reviews.GetLatestAsync(item.Id, cancellationToken);
            if (!SubjectMatcher.Mentions(query, item.PayloadJson, item.OutcomeJson, task?.Request.EvidenceJson, task?.Request.ProposalJson))
            {
                continue;
            }

            var files = new List<string>();
            for (var i = 0; i < item.Attachments.Count; i++)
            {
                if (await CopyDocumentAsync(item, i, directory, cancellationToken) is { } file)
                {
                    files.Add(file);
                    documents++;
                }
            }

            if (await incidents.FindByReportAsync(item.Reference, cancellationToken) is { } incident && !incidentsFound.ContainsKey(incident.Reference))
            {
                incidentsFound[incident.Reference] = new { incident, audit = await incidents.AuditAsync(incident.Reference, cancellationToken) };
            }

            items.Add(new
            {
                item,
                reviewTask = task,
                ledger = await ledger.ListAsync(item.Id, cancellationToken),
                audit = await queue.GetAuditTrailAsync(item.Id, cancellationToken),
                documents = files,
            });
        }

        var summary = new SubjectAccessSummary(query.Kind, items.Count, incidentsFound.Count, documents, candidates.Count >= MaxCandidates);
        var export = new { generatedAt = now, search = query.Kind, summary, items, incidents = incidentsFound.Values };
        await File.WriteAllTextAsync(Path.Combine(directory, "subject-access.json"), JsonSerializer.Serialize(export, Indented), cancellationToken);
        await audit.AppendSecurityEventAsync(
            new SecurityEvent(actor, AuditActions.SubjectAccessExport, AuditTarget, summary.AuditDetail), cancellationToken);
        return summary;
    }

    // documents/REFERENCE/N-NAME, with both parts made safe as file names; null when the blob was deleted by retention.
    private async Task<string?> CopyDocumentAsync(WorkItem item, int index, string directory, CancellationToken cancellationToken)
    {
        var attachment = item.Attachments[index];
        var relative = Path.Combine("documents", SafeName(item.Reference), $"{index + 1}-{SafeName(attachment.Name)}");
        Stream source;
        try
        {
            source = blobs.OpenRead(attachment.ContentHash);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        await using (source)
        {
            var target = Path.Combine(directory, relative);
            OwnerOnly.CreateFolder(Path.GetDirectoryName(target)!);
            await using var file = File.Create(target);
            await source.CopyToAsync(file, cancellationToken);
        }

        return relative.Replace('\\', '/');
    }

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string([.. name.Select(c => invalid.Contains(c) || c == ':' ? '_' : c)]).Trim('.', ' ');
        return safe.Length == 0 ? "_" : safe;
    }
}

/// <summary>What an export found: the search kind and counts (all an audit row or a log line may say).</summary>
public sealed record SubjectAccessSummary(string Search, int Items, int Incidents, int Documents, bool SearchTruncated)
{
    public string AuditDetail =>
        $"search by {Search}; items {Items}; incidents {Incidents}; documents {Documents}{(SearchTruncated ? "; search truncated" : "")}";
}
