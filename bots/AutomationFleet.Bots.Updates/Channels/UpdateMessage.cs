using AutomationFleet.Core.Updates;
using MimeKit;

namespace AutomationFleet.Bots.Updates.Channels;

/// <summary>
/// One update as a channel sends it. Holds only what the citizen gave or may see: their address, the citizen reference,
/// the service the item went to, a new date and the opt-out link; never a staff name or a reason written for staff.
/// </summary>
/// <param name="To">The recipient.</param>
/// <param name="TouchPoint">The touch point.</param>
/// <param name="Reference">The citizen reference (<c>AF-000123</c>).</param>
/// <param name="Service">The service it was passed to, or null.</param>
/// <param name="NewDate">The new expected date (timescale at risk), or null.</param>
/// <param name="OptOutUrl">The signed opt-out link.</param>
/// <param name="IdempotencyKey">The ledger key (the mail's Message-ID and Notify's <c>reference</c> come from it).</param>
public sealed record UpdateMessage(
    MailboxAddress To, TouchPoint TouchPoint, string Reference, string? Service, DateOnly? NewDate, string OptOutUrl, string IdempotencyKey)
{
    /// <summary>The placeholders' values, by name.</summary>
    public IReadOnlyDictionary<string, string> Values => new Dictionary<string, string>
    {
        ["Reference"] = Reference,
        ["Service"] = Service ?? "the right team",
        ["NewDate"] = NewDate?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) ?? "",
        ["OptOutUrl"] = OptOutUrl,
    };

    /// <summary><paramref name="template"/> with <c>{Name}</c> placeholders filled.</summary>
    public string Fill(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (var (name, value) in Values)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return template;
    }
}
