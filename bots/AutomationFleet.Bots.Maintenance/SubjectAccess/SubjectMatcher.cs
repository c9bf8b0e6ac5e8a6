using System.Text.Json;
using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Bots.Maintenance.SubjectAccess;

/// <summary>
/// Decides whether stored JSON (a payload, an outcome, review evidence) is about the person in a <see cref="SubjectQuery"/>.
/// By NHS number: any value that normalises to it. By name and date of birth: one record (a JSON object, or a list of
/// <c>{"name": …, "value": …}</c> fields such as a hand-off's) whose date-of-birth field is that date and whose name fields,
/// written together, hold every token of the name. Field names compare without case, '-' or '_' (<c>date-of-birth</c> = <c>dateOfBirth</c>).
/// </summary>
public static class SubjectMatcher
{
    private static readonly HashSet<string> NameFields = new(StringComparer.Ordinal)
    {
        "name", "fullname", "givenname", "givennames", "firstname", "forename", "forenames", "middlename", "middlenames",
        "surname", "lastname", "familyname",
    };

    /// <summary>Whether any of the JSON texts is about the person; text that is not JSON is skipped.</summary>
    public static bool Mentions(SubjectQuery query, params string?[] jsonTexts)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(jsonTexts);
        foreach (var json in jsonTexts)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(json);
                if (Visit(query, document.RootElement))
                {
                    return true;
                }
            }
            catch (JsonException)
            {
                // Not JSON: nothing the fleet wrote in a structured way, so nothing to match.
            }
        }

        return false;
    }

    private static bool Visit(SubjectQuery query, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var fields = element.EnumerateObject().Select(p => (Key(p.Name), p.Value)).ToList();
                if (RecordMatches(query, fields))
                {
                    return true;
                }

                return element.EnumerateObject().Any(p => Visit(query, p.Value));
            case JsonValueKind.Array:
                var listed = element.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object)
                    .Select(FieldOf)
                    .Where(f => f is not null)
                    .Select(f => f!.Value)
                    .ToList();
                if (listed.Count > 0 && RecordMatches(query, listed))
                {
                    return true;
                }

                return element.EnumerateArray().Any(e => Visit(query, e));
            case JsonValueKind.String or JsonValueKind.Number:
                return query.NhsNumber is { } nhs && NhsNumber.Normalise(Text(element)) == nhs;
            default:
                return false;
        }
    }

    private static bool RecordMatches(SubjectQuery query, List<(string Key, JsonElement Value)> fields)
    {
        if (query.NhsNumber is not null)
        {
            return false; // values are checked one by one in Visit
        }

        var bornThen = fields.Any(f => (f.Key.Contains("birth", StringComparison.Ordinal) || f.Key == "dob")
            && f.Value.ValueKind == JsonValueKind.String
            && BirthDate.TryParse(f.Value.GetString(), out var date) && date == query.BirthDate);
        if (!bornThen)
        {
            return false;
        }

        // Closed up, as surnames are compared (O'Conner, O Conner and Oconner are one name): every token of the query must
        // be found in the record's name fields written together.
        var names = string.Concat(fields
            .Where(f => NameFields.Contains(f.Key) && f.Value.ValueKind == JsonValueKind.String)
            .SelectMany(f => NameNormaliser.Tokens(f.Value.GetString())));
        return names.Length > 0 && query.NameTokens.All(t => names.Contains(t, StringComparison.Ordinal));
    }

    // A hand-off or extraction field: {"name": "date-of-birth", "value": "…"} (or "kind" for the field's name).
    private static (string Key, JsonElement Value)? FieldOf(JsonElement element)
    {
        JsonElement value = default;
        var hasValue = false;
        string? key = null;
        foreach (var property in element.EnumerateObject())
        {
            var name = Key(property.Name);
            if (name == "value")
            {
                (value, hasValue) = (property.Value, true);
            }
            else if (name is "name" or "kind" && property.Value.ValueKind == JsonValueKind.String)
            {
                key ??= Key(property.Value.GetString() ?? "");
            }
        }

        return hasValue && key is not null ? (key, value) : null;
    }

    private static string Key(string name) => name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() ?? "" : element.GetRawText();
}
