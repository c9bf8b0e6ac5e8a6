using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// A note could not be written. <see cref="Artefacts"/> holds the screenshot and Playwright trace taken when it
/// failed (in the blob store; they show personal data, so they are attached to the item, never logged). The message
/// names pages, elements and the HTTP status, never a person's details.
/// </summary>
public sealed class CaseManagementException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CaseManagementException(CaseManagementFault fault, string message, Exception? innerException = null, IReadOnlyList<AttachmentRef>? artefacts = null)
        : base(message, innerException)
    {
        Fault = fault;
        Artefacts = artefacts ?? [];
    }

    /// <summary>What went wrong.</summary>
    public CaseManagementFault Fault { get; }

    /// <summary>Whether another attempt can help.</summary>
    public bool IsTransient => Fault is CaseManagementFault.Timeout or CaseManagementFault.Unavailable
        or CaseManagementFault.SessionExpired or CaseManagementFault.NotReadBack;

    /// <summary>Screenshot and trace of the failed attempt, if they could be taken.</summary>
    public IReadOnlyList<AttachmentRef> Artefacts { get; }

    /// <summary>The same fault with the attempt's artefacts, named in the message so they are recorded with the item.</summary>
    internal CaseManagementException WithArtefacts(IReadOnlyList<AttachmentRef> artefacts) =>
        artefacts.Count == 0
            ? this
            : new CaseManagementException(Fault, $"{Message} Artefacts: {string.Join(", ", artefacts.Select(a => $"{a.Name} (blob {a.ContentHash})"))}.", InnerException, artefacts);
}
