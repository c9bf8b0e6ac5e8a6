using System.Text;
using System.Text.RegularExpressions;

namespace AutomationFleet.Bots.InboundPost.Reading;

/// <summary>
/// The readable text of an RFC 822 message: its subject and its text/plain body (the first text/plain part of a
/// multipart message), with quoted-printable or base64 undone. Attachments inside the message are not read here:
/// mail sources store them as the item's own attachments.
/// </summary>
public static partial class EmailText
{
    public static string Read(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (headers, body) = Split(message);
        var subject = Header(headers, "Subject");
        var text = BodyText(headers, body);
        return string.IsNullOrWhiteSpace(subject) ? text : subject + "\n\n" + text;
    }

    private static string BodyText(string headers, string body)
    {
        var contentType = Header(headers, "Content-Type") ?? "text/plain";
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = BoundaryPattern().Match(contentType);
            if (!boundary.Success)
            {
                return "";
            }

            var marker = "--" + boundary.Groups[1].Value;
            foreach (var part in body.Split(marker).Skip(1))
            {
                if (part.StartsWith("--", StringComparison.Ordinal))
                {
                    break;
                }

                var (partHeaders, partBody) = Split(part.TrimStart('\r', '\n'));
                var partType = Header(partHeaders, "Content-Type") ?? "text/plain";
                if (partType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) ||
                    partType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
                {
                    var text = BodyText(partHeaders, partBody);
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        return text;
                    }
                }
            }

            return "";
        }

        if (!contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return "";
        }

        return (Header(headers, "Content-Transfer-Encoding") ?? "").Trim().ToUpperInvariant() switch
        {
            "QUOTED-PRINTABLE" => DecodeQuotedPrintable(body),
            "BASE64" => DecodeBase64(body),
            _ => body,
        };
    }

    private static (string Headers, string Body) Split(string message)
    {
        var normalised = message.Replace("\r\n", "\n", StringComparison.Ordinal);
        var end = normalised.IndexOf("\n\n", StringComparison.Ordinal);
        return end < 0 ? (normalised, "") : (normalised[..end], normalised[(end + 2)..]);
    }

    private static string? Header(string headers, string name)
    {
        var unfolded = FoldPattern().Replace(headers, " ");
        foreach (var line in unfolded.Split('\n'))
        {
            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return null;
    }

    private static string DecodeBase64(string body)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))));
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static string DecodeQuotedPrintable(string body)
    {
        var bytes = new List<byte>(body.Length);
        var text = body.Replace("=\n", "", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex("""boundary="?([^";]+)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"\n[ \t]+")]
    private static partial Regex FoldPattern();
}
