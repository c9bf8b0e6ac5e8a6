using System.Text;
using System.Text.Json;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Files;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// Writes an item's original documents and a JSON summary (reference, category, outcome, attachments; the mail
/// address for e-mail routes) into a folder, each file named by the item's reference. Every file is written to a
/// temporary name and renamed into place, so a reader never sees half a file; a file that is already there is left
/// alone, so a redo does not write it twice. The summary is written last: its presence means the delivery is complete.
/// </summary>
public sealed class DropFolderStep(string name, string directory, IBlobStore blobs, TimeProvider timeProvider, string? mailTo = null)
    : IDeliveryStep
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Name => name;

    public bool IsIdempotent => true;

    public string Pipeline => FleetPipelines.Delivery;

    public string Directory => directory;

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        OwnerOnly.CreateFolder(directory);
        var baseName = SafeName(context.Item.Reference);
        var written = new List<string>();
        var files = new List<object>();
        for (var i = 0; i < context.Item.Attachments.Count; i++)
        {
            var attachment = context.Item.Attachments[i];
            var fileName = $"{baseName}-{i + 1}{SafeExtension(attachment.Name)}";
            if (await WriteOnceFile.WriteAsync(Path.Combine(directory, fileName), async s =>
                {
                    await using var source = blobs.OpenRead(attachment.ContentHash);
                    await source.CopyToAsync(s, cancellationToken);
                }, cancellationToken))
            {
                written.Add(fileName);
            }

            files.Add(new { file = fileName, attachment.MediaType, sha256 = attachment.ContentHash, attachment.Length });
        }

        using var outcome = JsonDocument.Parse(context.Outcome.OutcomeJson);
        var summary = new
        {
            reference = context.Item.Reference,
            category = RouteStep.CategoryOf(context.Outcome.OutcomeJson),
            mailTo,
            decidedBy = context.Outcome.DecidedBy,
            confidence = context.Outcome.Confidence,
            idempotencyKey = context.IdempotencyKey,
            deliveredAt = timeProvider.GetUtcNow(),
            outcome = outcome.RootElement,
            attachments = files,
        };
        var summaryName = baseName + ".json";
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(summary, JsonOptions));
        if (await WriteOnceFile.WriteAsync(Path.Combine(directory, summaryName), s => s.WriteAsync(bytes, cancellationToken).AsTask(), cancellationToken))
        {
            written.Add(summaryName);
        }

        return JsonSerializer.Serialize(new { folder = directory, summary = summaryName, written });
    }

    /// <summary>A file-system-safe version of a reference or service name (letters, digits, '-', '_', '.').</summary>
    public static string SafeName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Trim())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? char.ToLowerInvariant(c) : '-');
        }

        var safe = builder.ToString().Trim('.');
        return safe.Length == 0 ? "item" : safe;
    }

    private static string SafeExtension(string attachmentName)
    {
        var extension = Path.GetExtension(attachmentName);
        return extension.Length is > 1 and <= 6 && extension.Skip(1).All(char.IsAsciiLetterOrDigit)
            ? extension.ToLowerInvariant()
            : ".bin";
    }
}
