using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Files;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Bots.FinancialAssessments.Delivery;

/// <summary>
/// Writes the outcome letter of a case that goes by post (<see cref="DeliveryMethod.Post"/>, the default) to the print
/// folder as <c>{item reference}.pdf</c>, for the print room to post; a case that goes by e-mail is skipped. The file
/// is put in place once (<see cref="WriteOnceFile"/>): a redo after a crash finds it there and writes nothing, so a
/// letter is never printed twice, which is why the step is safe to repeat (<see cref="IsIdempotent"/>).
/// </summary>
public sealed class PrintLetterStep(Func<DeliveryContext, DecidedLetter> letter, string folder) : IDeliveryStep
{
    public const string StepName = "print-letter";

    public string Name => StepName;

    /// <summary>True: the file is named by the item's reference and never overwritten, so a redo prints nothing twice.</summary>
    public bool IsIdempotent => true;

    /// <summary>A local file write, as inbound post's drop folders.</summary>
    public string Pipeline => FleetPipelines.Delivery;

    public string Folder => folder;

    /// <summary>
    /// The file name for an item: its reference; one with anything but letters, digits, '.', '-' and '_' has those
    /// replaced and a hash of the reference added, so two references never share a file.
    /// </summary>
    public static string FileNameFor(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var safe = new string([.. reference.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).TrimStart('.');
        return safe == reference
            ? $"{safe}.pdf"
            : $"{safe}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference)))[..8]}.pdf";
    }

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decided = letter(context);
        if (decided.Delivery.Method != DeliveryMethod.Post)
        {
            return JsonSerializer.Serialize(new { skipped = "the letter goes by e-mail (delivery.method)" });
        }

        OwnerOnly.CreateFolder(folder);
        var path = Path.Combine(folder, FileNameFor(context.Item.Reference));
        var written = !File.Exists(path) && await WriteOnceFile.WriteAsync(path, s => s.WriteAsync(decided.Pdf, cancellationToken).AsTask(), cancellationToken);
        return JsonSerializer.Serialize(new { file = Path.GetFileName(path), written, weeklyCharge = decided.WeeklyCharge, largePrint = decided.LargePrint });
    }
}
