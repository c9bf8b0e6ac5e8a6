using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AutomationFleet.Core.Review;

/// <summary>
/// Takes personal data out of a reviewer's correction before it is kept as a labelled example (training data outlives
/// the item: retention redacts items, not examples). Applied by the stores to the example's payload, proposal and
/// corrected outcome; the item itself keeps its outcome. Retraining reads only an example's reference and category, so
/// nothing it needs is removed.
/// </summary>
/// <remarks>
/// What goes: every value under a property that names a person or their details (<c>person</c>, <c>name</c>,
/// <c>givenName</c>, <c>surname</c>, <c>dateOfBirth</c>, <c>address…</c>, <c>postcode</c>, <c>email</c>, <c>from</c>,
/// <c>replyTo</c>, <c>phone</c>, <c>nhsNumber</c>, <c>niNumber</c>, <c>caseRecordId</c>, …), and, in any other text,
/// e-mail addresses, NHS numbers, National Insurance numbers, UK postcodes, UK phone numbers and dates. What does not: a
/// name written in free text (a letter's "my mother, Mrs Jones"), a street address without its postcode, and other
/// identifiers with no fixed shape. There is no honest way to find names in free text with patterns; a council that
/// needs that must not keep free text in outcomes.
/// </remarks>
public static partial class TrainingDataRedaction
{
    /// <summary>What a personal value is replaced with.</summary>
    public const string Redacted = "[redacted]";

    // Property names compared lower-case with '_' and '-' removed.
    private static readonly HashSet<string> PersonalProperties = new(StringComparer.Ordinal)
    {
        "person", "name", "fullname", "givenname", "firstname", "forename", "forenames", "middlename", "surname", "lastname",
        "familyname", "title", "dateofbirth", "dob", "birthdate", "postcode", "email", "emailaddress", "from", "replyto",
        "to", "cc", "phone", "phonenumber", "telephone", "mobile", "nhsnumber", "nhs", "ninumber",
        "nationalinsurancenumber", "caserecordid", "personid", "personreference", "street", "town",
    };

    /// <summary>
    /// <paramref name="json"/> with personal values replaced by <see cref="Redacted"/> (or a kind marker in text, e.g.
    /// <c>[postcode]</c>); unchanged when it holds none. Text that is not JSON is redacted as text.
    /// </summary>
    public static string? Redact(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return json;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return RedactText(json);
        }

        var changed = false;
        var redacted = Walk(node, ref changed);
        return changed ? redacted?.ToJsonString() ?? "null" : json;
    }

    /// <summary>Free text with e-mail addresses, NHS and NI numbers, postcodes, phone numbers and dates replaced.</summary>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Email().Replace(text, "[email]");
        text = NhsNumber().Replace(text, "[nhs-number]");
        text = NiNumber().Replace(text, "[ni-number]");
        text = Date().Replace(text, "[date]");
        text = Postcode().Replace(text, "[postcode]");
        return Phone().Replace(text, "[phone]");
    }

    private static JsonNode? Walk(JsonNode? node, ref bool changed)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is not null && IsPersonal(key))
                    {
                        obj[key] = Redacted;
                        changed = true;
                    }
                    else
                    {
                        var walked = Walk(value, ref changed);
                        if (!ReferenceEquals(walked, value))
                        {
                            obj[key] = walked;
                        }
                    }
                }

                return obj;

            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var value = array[i];
                    var walked = Walk(value, ref changed);
                    if (!ReferenceEquals(walked, value))
                    {
                        array[i] = walked;
                    }
                }

                return array;

            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                var redacted = RedactText(text);
                if (string.Equals(text, redacted, StringComparison.Ordinal))
                {
                    return value;
                }

                changed = true;
                return JsonValue.Create(redacted);

            default:
                return node;
        }
    }

    private static bool IsPersonal(string key)
    {
        var normal = key.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return PersonalProperties.Contains(normal) || normal.StartsWith("address", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // Ten digits, grouped 3-3-4 by spaces or hyphens or not at all.
    [GeneratedRegex(@"(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")]
    private static partial Regex NhsNumber();

    // Any two letters: the documentation's own example (QQ 12 34 56 C) uses a prefix never issued.
    [GeneratedRegex(@"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", RegexOptions.IgnoreCase)]
    private static partial Regex NiNumber();

    // 12/03/1984, 12-3-84, 1984-03-12, 12 March 1984, 12th Mar 1984.
    [GeneratedRegex(
        @"\b(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}(T[0-9:.+-]+Z?)?|\d{1,2}(st|nd|rd|th)? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{4})\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Date();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Postcode();

    // UK numbers: +44 or 0, then 9 or 10 more digits with spaces or hyphens between groups.
    [GeneratedRegex(@"(?<![\w+])(\+44 ?\(?0?\)? ?|0)\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}(?!\d)")]
    private static partial Regex Phone();
}
