using System.Globalization;
using System.Text;
using MimeKit;

namespace AutomationFleet.Bots.Maintenance.Digest;

/// <summary>The digest as a plain-text mail: counts and references, nothing about any citizen.</summary>
public static class DigestMail
{
    public static string SubjectOf(SupervisorDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Review digest {digest.Date}: {digest.Total.Open} open, {digest.Total.Overdue} overdue, {digest.Total.DueSoon} due soon");
    }

    public static string BodyOf(SupervisorDigest digest, TimeSpan leadTime, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Review backlog for {digest.Scope} on {digest.Date}{(digest.Truncated ? " (at least: more tasks than the digest reads)" : "")}.");
        text.AppendLine();
        text.AppendLine(c, $"{"Service",-28} {"Open",6} {"Urgent",7} {"Escalated",10} {"Overdue",8} {"Due soon",9}");
        foreach (var line in digest.Backlog.Append(digest.Total))
        {
            text.AppendLine(c, $"{line.Service,-28} {line.Open,6} {line.Urgent,7} {line.Escalated,10} {line.Overdue,8} {line.DueSoon,9}");
        }

        text.AppendLine();
        text.AppendLine(c, $"Due soon: due within {leadTime} (the SLA sweep escalates these to a supervisor).");
        if (digest.OverdueReferences.Count > 0)
        {
            text.AppendLine(c, $"Longest overdue: {string.Join(", ", digest.OverdueReferences)}");
        }

        text.AppendLine();
        text.AppendLine(c, $"Straight-through rate, fleet-wide, last {window}:");
        if (digest.StraightThrough.Count == 0)
        {
            text.AppendLine("  nothing completed");
        }

        foreach (var rate in digest.StraightThrough)
        {
            var share = rate.Rate is { } r ? (r * 100).ToString("0", c) + "%" : "-";
            text.AppendLine(c, $"  {rate.Bot}{(rate.Category is null ? "" : " / " + rate.Category)}: {share} ({rate.Automatic} straight through, {rate.ViaReview} via review)");
        }

        return text.ToString();
    }

    public static MimeMessage Create(SupervisorDigest digest, TimeSpan leadTime, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var message = new MimeMessage { Subject = SubjectOf(digest) };
        message.To.Add(new MailboxAddress(digest.Supervisor, digest.Address ?? throw new ArgumentException("The digest has no address to send to.", nameof(digest))));
        message.Body = new TextPart("plain") { Text = BodyOf(digest, leadTime, window) };
        return message;
    }
}
