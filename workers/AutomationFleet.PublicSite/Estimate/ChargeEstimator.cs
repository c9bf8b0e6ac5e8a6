using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutomationFleet.Bots.FinancialAssessments.Assessments;

namespace AutomationFleet.PublicSite.Estimate;

/// <summary>
/// The self-service charge estimate: the form becomes the bot's own assessment document and goes through the bot's own
/// reader, rates and calculator (<see cref="AssessmentIntake.Assessor"/>), so the estimate is the full calculation on
/// the figures given, never a copy of it. An application is the same document, marked <c>selfDeclared</c>, with where
/// the letter goes. Nothing here stores anything.
/// </summary>
public sealed partial class ChargeEstimator(AssessmentIntake? intake = null)
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static readonly IReadOnlyList<(string Value, string Label)> Periods =
        [("weekly", "a week"), ("fourWeekly", "every 4 weeks"), ("monthly", "a month"), ("annual", "a year")];

    public static readonly IReadOnlyList<(string Value, string Label)> Rates =
        [("", "Not a disability benefit"), ("higher", "Higher rate"), ("lower", "Lower rate"), ("highest", "Highest rate"),
         ("middle", "Middle rate"), ("lowest", "Lowest rate"), ("enhanced", "Enhanced rate"), ("standard", "Standard rate")];

    /// <summary>Whether the calculator is there (the financial-assessment bot is configured).</summary>
    public bool Available => intake is not null;

    /// <summary>The income types the bot knows, with a label a person reads.</summary>
    public static IEnumerable<(string Value, string Label)> IncomeTypes =>
        IncomeType.All.Select(t => (t.Name, Label(t.Name)));

    public ChargeEstimate Estimate(ChargeEstimateForm form, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (intake is null)
        {
            throw new InvalidOperationException("The charge estimate needs the financial-assessment bot's calculator (FinancialAssessments settings).");
        }

        var (document, errors, rows) = Document(form, today, "estimate");
        if (errors.Count > 0)
        {
            return new ChargeEstimate(null, errors);
        }

        try
        {
            return new ChargeEstimate(intake.Assessor.Assess(document.ToJsonString()), []);
        }
        catch (AssessmentInputException exception)
        {
            return new ChargeEstimate(null, exception.Errors.Select(e => new FormError(FieldId(e.Field, rows), Plain(e))).ToList());
        }
    }

    /// <summary>
    /// The application's document for the <c>financial-assessments</c> queue: the estimate's figures marked
    /// <c>selfDeclared</c> (the bot then always sends it to a person for evidence), and the letter's addressee. Checks the
    /// applicant's details; the figures must already estimate cleanly.
    /// </summary>
    public (string? Json, IReadOnlyList<FormError> Errors) Application(ChargeEstimateForm form, ApplicantForm applicant, DateOnly today, string reference)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(applicant);
        var errors = new List<FormError>();
        Required(errors, applicant.FullName, "FullName", "Enter your full name");
        Required(errors, applicant.AddressLine1, "AddressLine1", "Enter the first line of your address");
        Required(errors, applicant.Town, "Town", "Enter your town or city");
        if (!PostcodePattern().IsMatch(applicant.Postcode?.Trim() ?? string.Empty))
        {
            errors.Add(new FormError("Postcode", "Enter a real postcode, like SO7 4DT"));
        }

        var estimate = Estimate(form, today);
        errors.AddRange(estimate.Errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var (document, _, _) = Document(form, today, reference);
        document["selfDeclared"] = true;
        var address = new JsonArray();
        foreach (var line in new[] { applicant.AddressLine1, applicant.AddressLine2, applicant.Town })
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                address.Add(line.Trim());
            }
        }

        // The postcode is the address's last line: the status page's reader finds it there.
        address.Add(applicant.Postcode!.Trim().ToUpperInvariant());
        document["addressee"] = new JsonObject { ["name"] = applicant.FullName!.Trim(), ["address"] = address };
        return (document.ToJsonString(), []);
    }

    private static (JsonObject Document, List<FormError> Errors, Dictionary<string, string> Rows) Document(ChargeEstimateForm form, DateOnly today, string reference)
    {
        var errors = new List<FormError>();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        DateOnly? birth = null;
        if (int.TryParse(form.BirthDay, NumberStyles.None, British, out var d)
            && int.TryParse(form.BirthMonth, NumberStyles.None, British, out var m)
            && int.TryParse(form.BirthYear, NumberStyles.None, British, out var y)
            && y is >= 1900 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            birth = new DateOnly(y, m, d);
        }
        else
        {
            errors.Add(new FormError("BirthDay", "Date of birth must be a real date, like 27 3 1950"));
        }

        if (form.Setting is not ("home" or "care-home"))
        {
            errors.Add(new FormError("Setting", "Select where you get care"));
        }

        var cost = Money(errors, form.CostOfCareWeekly, "CostOfCareWeekly", "Enter the weekly cost of your care, like 250.00", required: true);
        var income = new JsonArray();
        for (var i = 0; i < form.Income.Count; i++)
        {
            var row = form.Income[i];
            if (row.IsEmpty)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(row.Type) || IncomeType.All.All(t => t.Name != row.Type))
            {
                errors.Add(new FormError($"Income_{i}_Type", $"Select the kind of income {i + 1}"));
            }

            var amount = Money(errors, row.Amount, $"Income_{i}_Amount", $"Enter how much income {i + 1} is, like 230.25", required: true);
            var item = new JsonObject { ["type"] = row.Type, [Period(row.Period)] = amount };
            if (!string.IsNullOrWhiteSpace(row.Rate))
            {
                item["rate"] = row.Rate;
            }

            rows[$"income[{income.Count}]"] = $"Income_{i}_";
            income.Add(item);
        }

        var savings = Money(errors, form.Savings, "Savings", "Enter your savings as an amount, like 12000.00, or leave it empty", required: false);
        var document = new JsonObject
        {
            ["reference"] = reference,
            ["effectiveDate"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["setting"] = form.Setting,
            ["person"] = new JsonObject
            {
                ["dateOfBirth"] = birth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["couple"] = false,
                ["premiums"] = new JsonArray(new[] { (form.DisabilityPremium, "disability"), (form.EnhancedDisabilityPremium, "enhanced-disability") }
                    .Where(p => p.Item1).Select(p => (JsonNode)JsonValue.Create(p.Item2)!).ToArray()),
                ["nightCare"] = form.NightCare,
            },
            ["income"] = income,
            ["capital"] = savings is { } s && s > 0 ? new JsonArray(new JsonObject { ["type"] = "savings", ["amount"] = s }) : new JsonArray(),
            ["disabilityRelatedExpenditure"] = Costs(errors, rows, form.DisabilityCosts, "DisabilityCosts", "disabilityRelatedExpenditure", "disability-related cost"),
            ["housingCosts"] = Costs(errors, rows, form.HousingCosts, "HousingCosts", "housingCosts", "housing cost"),
            ["costOfCare"] = new JsonObject { ["weekly"] = cost },
        };
        return (document, errors, rows);
    }

    private static JsonArray Costs(List<FormError> errors, Dictionary<string, string> rows, List<MoneyRow> given, string id, string path, string what)
    {
        var costs = new JsonArray();
        for (var i = 0; i < given.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(given[i].Amount))
            {
                continue;
            }

            var amount = Money(errors, given[i].Amount, $"{id}_{i}_Amount", $"Enter {what} {i + 1} as an amount, like 12.50", required: true);
            rows[$"{path}[{costs.Count}]"] = $"{id}_{i}_";
            costs.Add(new JsonObject { ["item"] = $"{what} {i + 1}", [Period(given[i].Period)] = amount });
        }

        return costs;
    }

    private static decimal? Money(List<FormError> errors, string? text, string id, string message, bool required)
    {
        var cleaned = (text ?? string.Empty).Replace("£", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Trim();
        if (cleaned.Length == 0)
        {
            if (required)
            {
                errors.Add(new FormError(id, message));
            }

            return null;
        }

        if (decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new FormError(id, message));
        return null;
    }

    private static void Required(List<FormError> errors, string? value, string id, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FormError(id, message));
        }
    }

    private static string Period(string? period) => Periods.Any(p => p.Value == period) ? period! : "weekly";

    /// <summary>The form field a reader error is about: <c>income[1].rate</c> → <c>Income_3_Rate</c> (the row it came from).</summary>
    private static string FieldId(string field, Dictionary<string, string> rows)
    {
        var match = RowPattern().Match(field);
        if (match.Success && rows.TryGetValue(match.Groups["row"].Value, out var prefix))
        {
            var part = match.Groups["part"].Value;
            return prefix + (part switch { "type" => "Type", "rate" => "Rate", _ => "Amount" });
        }

        return field switch
        {
            _ when field.StartsWith("person", StringComparison.Ordinal) => "BirthDay",
            _ when field.StartsWith("costOfCare", StringComparison.Ordinal) => "CostOfCareWeekly",
            _ when field.StartsWith("capital", StringComparison.Ordinal) => "Savings",
            _ when field.StartsWith("setting", StringComparison.Ordinal) => "Setting",
            _ => "BirthDay",
        };
    }

    private static string Plain(InputError error) =>
        error.Field == "effectiveDate"
            ? "We cannot estimate charges for this year yet: the council has not published its rates. Apply for a full assessment instead."
            : $"Check {error.Field}: {error.Message}";

    private static string Label(string type)
    {
        var words = type.Replace('-', ' ');
        return words.Replace("pip", "PIP", StringComparison.Ordinal).Replace("dla", "DLA", StringComparison.Ordinal)
            .Replace("afcs", "AFCS", StringComparison.Ordinal) switch
        {
            var w => char.ToUpperInvariant(w[0]) + w[1..],
        };
    }

    [GeneratedRegex(@"^(?<row>(income|disabilityRelatedExpenditure|housingCosts)\[\d+\])(\.(?<part>\w+))?", RegexOptions.CultureInvariant)]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PostcodePattern();
}
