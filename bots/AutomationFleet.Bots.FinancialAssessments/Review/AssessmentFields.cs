using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Core.Review.Forms;

namespace AutomationFleet.Bots.FinancialAssessments.Review;

/// <summary>
/// An assessment document as the review form's fields, and back: one field a figure or fact (<c>income.1.amount</c>,
/// <c>income.1.period</c>), a row of fields per income, holding, cost and disposal, and empty rows to add one. Names
/// carry no brackets: the portal posts each as <c>Values[name]</c>, and a bracket inside would end the key early. The
/// reviewer never sees JSON; what they submit is turned back into a document and read by the same strict reader, so
/// a typo is reported naming its field.
/// </summary>
public static class AssessmentFields
{
    private const string Period = "period";
    private const string Amount = "amount";

    private static readonly string[] Periods = ["weekly", "fourWeekly", "monthly", "annual"];
    private static readonly string[] YesNo = ["", "yes", "no"];

    private static readonly Spec[] Root =
    [
        new("reference", "Reference", Kind.Text),
        new("effectiveDate", "Date the charge starts (YYYY-MM-DD)", Kind.Text),
        new("setting", "Where the care is given", Kind.Choice, ["", "home", "care-home"]),
        new("careHomeAdmission", "Care-home admission date (YYYY-MM-DD), if in a care home", Kind.Text),
        new("person.dateOfBirth", "Date of birth (YYYY-MM-DD)", Kind.Text),
        new("person.couple", "Part of a couple", Kind.Bool),
        new("person.partnerDateOfBirth", "Partner's date of birth (YYYY-MM-DD)", Kind.Text),
        new("person.premiums", "Premiums (comma-separated: disability, enhanced-disability, carer)", Kind.List),
        new("person.nightCare", "Night care provided", Kind.Bool),
        new("person.dependentChildren", "Dependent children", Kind.Whole),
        new("costOfCare.weekly", "Weekly cost of care (£)", Kind.Money),
        new("previousAssessment.weeklyCharge", "Previous weekly charge (£), if any", Kind.Money),
        new("previousAssessment.effectiveDate", "Previous charge's start date (YYYY-MM-DD)", Kind.Text),
        new("addressee.name", "Letter to (name)", Kind.Text),
        new("addressee.address", "Letter address (lines separated by ;)", Kind.List),
        new("addressee.largePrint", "Large-print letter", Kind.Bool),
        new("delivery.method", "Send the letter by", Kind.Choice, ["", "post", "email"]),
        new("delivery.email", "E-mail to (if by e-mail)", Kind.Text),
        new("delivery.copyTo", "Copy to (social worker's e-mail), if any", Kind.Text),
    ];

    private static readonly ListSpec[] Lists =
    [
        new("income", "Income", 2,
        [
            new("type", "type", Kind.Choice, ["", .. IncomeType.All.Select(t => t.Name)]),
            new("rate", "benefit rate (if any)", Kind.Text),
            new(Amount, "amount (£)", Kind.Money),
            new(Period, "paid", Kind.Choice, ["", .. Periods]),
            new("joint", "joint", Kind.Bool),
            new("halfPaidToSpouse", "half paid to spouse at home", Kind.Bool),
            new("evidenced", "evidence seen", Kind.Bool),
        ]),
        new("capital", "Capital", 2,
        [
            new("type", "type", Kind.Choice, ["", .. CapitalType.All.Select(t => t.Name)]),
            new(Amount, "value (£)", Kind.Money),
            new("holders", "holders (joint account)", Kind.Whole),
            new("occupiedByPartnerOrRelative", "home occupied by partner or relative", Kind.Bool),
            new("evidenced", "evidence seen", Kind.Bool),
            new("description", "description", Kind.Text),
        ]),
        new("disabilityRelatedExpenditure", "Disability-related expenditure", 1,
            [new("item", "item", Kind.Text), new(Amount, "amount (£)", Kind.Money), new(Period, "paid", Kind.Choice, ["", .. Periods])]),
        new("housingCosts", "Housing cost", 1,
            [new("item", "item", Kind.Text), new(Amount, "amount (£)", Kind.Money), new(Period, "paid", Kind.Choice, ["", .. Periods])]),
        new("disposals", "Capital given away or spent", 1,
            [new("description", "what", Kind.Text), new(Amount, "amount (£)", Kind.Money), new("date", "date (YYYY-MM-DD)", Kind.Text)]),
    ];

    private enum Kind
    {
        Text,
        Money,
        Whole,
        Bool,
        List,
        Choice,
    }

    /// <summary>The fields for a document (complete or a draft), prefilled with its values, with empty rows to add to each list.</summary>
    public static IReadOnlyList<CorrectionField> For(string document)
    {
        var root = Parse(document);
        var fields = Root.Select(s => Field(s.Name, s.Label, s, Get(root, s.Name))).ToList();
        foreach (var list in Lists)
        {
            var items = root[list.Name] as JsonArray ?? [];
            for (var i = 0; i < items.Count + list.Spare; i++)
            {
                var item = i < items.Count ? items[i] as JsonObject : null;
                foreach (var s in list.Fields)
                {
                    fields.Add(Field(RowField(list.Name, i, s.Name), $"{list.Label} {i + 1}: {s.Label}", s, Value(item, s.Name)));
                }
            }
        }

        return fields;
    }

    /// <summary>
    /// The document the submitted values make. A list row left wholly empty is dropped; a value that is not what its
    /// field takes is kept as typed, so the reader names the field.
    /// </summary>
    public static string ToDocument(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var root = new JsonObject();
        foreach (var s in Root)
        {
            if (Node(s, Submitted(values, s.Name)) is { } node)
            {
                Set(root, s.Name, node);
            }
        }

        foreach (var list in Lists)
        {
            var items = new JsonArray();
            var rows = values.Keys.Where(k => k.StartsWith(list.Name + ".", StringComparison.Ordinal))
                .Select(k => k.Split('.'))
                .Select(parts => parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
                .Where(i => i >= 0).Distinct().Order();
            foreach (var i in rows)
            {
                var item = new JsonObject();
                foreach (var s in list.Fields)
                {
                    var node = Node(s, Submitted(values, RowField(list.Name, i, s.Name)));
                    if (node is null)
                    {
                        continue;
                    }

                    item[s.Name == Amount && list.Fields.Any(f => f.Name == Period) ? "$amount" : s.Name] = node;
                }

                // An amount is written under its period's name (weekly, monthly...), as the document has it.
                if (item["$amount"] is { } amount)
                {
                    item.Remove("$amount");
                    var period = item[Period]?.GetValue<string>() ?? "weekly";
                    item.Remove(Period);
                    item[period] = amount;
                }
                else
                {
                    item.Remove(Period);
                }

                if (item.Count > 0)
                {
                    items.Add(item);
                }
            }

            if (items.Count > 0 || list.Name == "income")
            {
                root[list.Name] = items;
            }
        }

        return root.ToJsonString();
    }

    private static string RowField(string list, int row, string field) => string.Create(CultureInfo.InvariantCulture, $"{list}.{row}.{field}");

    private static JsonObject Parse(string document)
    {
        try
        {
            return JsonNode.Parse(document) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            // A file that is not JSON at all: the form starts empty, and the problems table says why.
            return [];
        }
    }

    private static string? Submitted(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static JsonNode? Node(Spec spec, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return spec.Kind switch
        {
            Kind.Money when decimal.TryParse(value.TrimStart('£'), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) => JsonValue.Create(amount),
            Kind.Whole when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            Kind.Bool when value is "yes" or "no" => JsonValue.Create(value == "yes"),
            Kind.List => new JsonArray([.. value.Split(spec.Name == "addressee.address" ? ';' : ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => JsonValue.Create(v))]),
            _ => JsonValue.Create(value),
        };
    }

    private static CorrectionField Field(string name, string label, Spec spec, string? value) => spec.Kind switch
    {
        Kind.Choice => new CorrectionField(name, label, CorrectionFieldKind.Select, value ?? "", [.. spec.Choices!.Select(c => new CorrectionChoice(c, c.Length == 0 ? "(none)" : c))]),
        Kind.Bool => new CorrectionField(name, label, CorrectionFieldKind.Select, value ?? "", [.. YesNo.Select(c => new CorrectionChoice(c, c.Length == 0 ? "(not said)" : c))]),
        _ => new CorrectionField(name, label, CorrectionFieldKind.Text, value ?? "", []),
    };

    private static string? Get(JsonObject root, string path)
    {
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? root : root[parts[0]] as JsonObject;
        return Value(parent, parts[^1]);
    }

    private static void Set(JsonObject root, string path, JsonNode node)
    {
        var parts = path.Split('.');
        if (parts.Length == 1)
        {
            root[path] = node;
            return;
        }

        if (root[parts[0]] is not JsonObject parent)
        {
            parent = [];
            root[parts[0]] = parent;
        }

        parent[parts[1]] = node;
    }

    // A field's value as the form shows it; an amount is found under whichever period the document used.
    private static string? Value(JsonObject? item, string name)
    {
        if (item is null)
        {
            return null;
        }

        if (name is Amount or Period && !item.ContainsKey(Amount))
        {
            var period = Periods.FirstOrDefault(item.ContainsKey);
            return period is null ? null : name == Period ? period : Text(item[period]);
        }

        return Text(item[name]);
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => string.Join(array.Parent is JsonObject o && o.ContainsKey("name") ? "; " : ", ", array.Select(a => a?.ToString())),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "yes",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "no",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => node.ToString(),
    };

    private sealed record Spec(string Name, string Label, Kind Kind, string[]? Choices = null);

    private sealed record ListSpec(string Name, string Label, int Spare, Spec[] Fields);
}
