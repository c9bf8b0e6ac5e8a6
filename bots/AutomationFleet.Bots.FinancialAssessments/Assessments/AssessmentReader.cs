using System.Globalization;
using System.Net.Mail;
using System.Text.Json;

namespace AutomationFleet.Bots.FinancialAssessments.Assessments;

/// <summary>
/// Reads an assessment document (issue 10 §2) strictly: an unknown field or type, a missing field, a negative amount,
/// an amount with more than 2 decimals or an unbelievable one is refused. Every problem is reported at once, each
/// naming its field, so a form can be corrected in one go (<see cref="AssessmentInputException"/>).
/// </summary>
public static class AssessmentReader
{
    private static readonly string[] RootFields =
        ["reference", "effectiveDate", "setting", "person", "income", "capital", "disabilityRelatedExpenditure", "housingCosts", "costOfCare", "careHomeAdmission", "addressee", "disposals", "delivery", "previousAssessment", "selfDeclared"];

    private static readonly string[] PersonFields = ["dateOfBirth", "couple", "partnerDateOfBirth", "premiums", "nightCare", "dependentChildren"];
    private static readonly string[] FrequencyFields = ["weekly", "fourWeekly", "monthly", "annual"];
    private static readonly string[] IncomeFields = ["type", "rate", "joint", "halfPaidToSpouse", "evidenced", .. FrequencyFields];
    private static readonly string[] CapitalFields = ["type", "amount", "holders", "occupiedByPartnerOrRelative", "description", "evidenced"];
    private static readonly string[] AddresseeFields = ["name", "address", "largePrint"];
    private static readonly string[] DeliveryFields = ["method", "email", "copyTo"];
    private static readonly string[] DisposalFields = ["description", "amount", "date"];
    private static readonly string[] PreviousFields = ["weeklyCharge", "effectiveDate"];

    /// <summary>The most address lines a letter window holds.</summary>
    private const int MaxAddressLines = 7;
    private static readonly string[] ExpenseFields = ["item", .. FrequencyFields];

    private static readonly Dictionary<string, Premium> Premiums = new(StringComparer.Ordinal)
    {
        ["disability"] = Premium.Disability,
        ["enhanced-disability"] = Premium.EnhancedDisability,
        ["carer"] = Premium.Carer,
    };

    public static Assessment Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new AssessmentInputException(
                [new InputError("document", string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}"))]);
        }

        using (document)
        {
            var fields = new Fields();
            var assessment = Read(document.RootElement, fields);
            return fields.Errors.Count == 0 && assessment is not null ? assessment : throw new AssessmentInputException(fields.Errors);
        }
    }

    private static Assessment? Read(JsonElement root, Fields f)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            f.Error("document", "must be a JSON object");
            return null;
        }

        f.OnlyKnown(root, "", RootFields);
        var reference = f.String(root, "", "reference");
        var effectiveDate = f.Date(root, "", "effectiveDate");
        var setting = f.String(root, "", "setting") switch
        {
            "home" => CareSetting.Home,
            "care-home" => CareSetting.CareHome,
            null => (CareSetting?)null,
            var other => f.Error<CareSetting?>("setting", $"must be \"home\" or \"care-home\", not \"{other}\""),
        };
        var person = f.Object(root, "", "person") is { } p ? Person(p, f, effectiveDate) : null;
        var income = f.List(root, "income", required: true, (e, path) => Income(e, path, f));
        var capital = f.List(root, "capital", required: false, (e, path) => Capital(e, path, f));
        var dre = f.List(root, "disabilityRelatedExpenditure", required: false, (e, path) => Expense(e, path, f));
        var housing = f.List(root, "housingCosts", required: false, (e, path) => Expense(e, path, f));
        decimal? cost = null;
        if (f.Object(root, "", "costOfCare") is { } c)
        {
            f.OnlyKnown(c, "costOfCare", ["weekly"]);
            cost = f.Money(c, "costOfCare", "weekly", InputLimits.WeeklyCostOfCare, required: true);
        }

        var admission = f.Date(root, "", "careHomeAdmission", required: false);
        var addressee = root.TryGetProperty("addressee", out _) && f.Object(root, "", "addressee") is { } to ? Addressee(to, f) : null;
        var disposals = f.List(root, "disposals", required: false, (e, path) => Disposal(e, path, f, effectiveDate));
        var delivery = root.TryGetProperty("delivery", out _) && f.Object(root, "", "delivery") is { } how ? Delivery(how, f) : LetterDelivery.Post;
        var previous = root.TryGetProperty("previousAssessment", out _) && f.Object(root, "", "previousAssessment") is { } last ? Previous(last, f, effectiveDate) : null;
        var selfDeclared = f.Bool(root, "", "selfDeclared", required: false) ?? false;
        if (setting == CareSetting.CareHome && capital.Any(i => i.Type.Treatment == CapitalTreatment.MainHome) && admission is null)
        {
            f.Error("careHomeAdmission", "is needed when a care-home resident owns a main home (the first 12 weeks of a permanent placement disregard it)");
        }

        if (admission is { } a && effectiveDate is { } d && a > d.AddYears(1))
        {
            f.Error("careHomeAdmission", "is more than a year after the effective date");
        }

        return reference is null || effectiveDate is null || setting is null || person is null || cost is null
            ? null
            : new Assessment(reference, effectiveDate.Value, setting.Value, person, income, capital, dre, housing, cost.Value, admission, addressee, disposals, delivery, previous, selfDeclared);
    }

    private static AssessedPerson? Person(JsonElement p, Fields f, DateOnly? effectiveDate)
    {
        f.OnlyKnown(p, "person", PersonFields);
        var dob = f.Date(p, "person", "dateOfBirth");
        var couple = f.Bool(p, "person", "couple", required: true);
        var partner = f.Date(p, "person", "partnerDateOfBirth", required: false);
        var nightCare = f.Bool(p, "person", "nightCare", required: false);
        var children = f.Whole(p, "person", "dependentChildren", 0, InputLimits.DependentChildren) ?? 0;

        if (couple == true && partner is null)
        {
            f.Error("person.partnerDateOfBirth", "is needed for a couple (the couple MIG depends on whether either is of pension-credit age)");
        }

        if (couple == false && partner is not null)
        {
            f.Error("person.partnerDateOfBirth", "is given but person.couple is false");
        }

        if (dob is { } born && effectiveDate is { } on)
        {
            var age = Age.InYears(born, on);
            if (age < InputLimits.YoungestAge || age > InputLimits.OldestAge)
            {
                f.Error("person.dateOfBirth", $"gives an age of {age} on the effective date; an adult of {InputLimits.YoungestAge} to {InputLimits.OldestAge} is assessed");
            }
        }

        var premiums = new HashSet<Premium>();
        if (p.TryGetProperty("premiums", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                f.Error("person.premiums", "must be a list");
            }
            else
            {
                var i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    var path = $"person.premiums[{i++}]";
                    if (item.ValueKind == JsonValueKind.String && Premiums.TryGetValue(item.GetString()!, out var premium))
                    {
                        premiums.Add(premium);
                    }
                    else
                    {
                        f.Error(path, $"must be one of {string.Join(", ", Premiums.Keys)}");
                    }
                }
            }
        }

        return dob is null || couple is null ? null : new AssessedPerson(dob.Value, couple.Value, partner, premiums, nightCare ?? false, children);
    }

    private static IncomeItem? Income(JsonElement e, string path, Fields f)
    {
        f.OnlyKnown(e, path, IncomeFields);
        var typeName = f.String(e, path, "type");
        var type = typeName is null ? null : IncomeType.Find(typeName);
        if (typeName is not null && type is null)
        {
            f.Error($"{path}.type", $"unknown income type \"{typeName}\"; known types are {string.Join(", ", IncomeType.All.Select(t => t.Name))}");
        }

        var rate = f.String(e, path, "rate", required: false);
        if (type is not null)
        {
            if (rate is not null && !type.Rates.Contains(rate))
            {
                f.Error($"{path}.rate", type.Rates.Length == 0 ? $"is not used for {type.Name}" : $"must be one of {string.Join(", ", type.Rates)} for {type.Name}, not \"{rate}\"");
            }
            else if (rate is null && type.Treatment == IncomeTreatment.DisabilityCare)
            {
                f.Error($"{path}.rate", $"is needed for {type.Name}: one of {string.Join(", ", type.Rates)}");
            }
        }

        var amount = f.PeriodAmount(e, path, InputLimits.WeeklyIncome);
        var joint = f.Bool(e, path, "joint", required: false) ?? false;
        var half = f.Bool(e, path, "halfPaidToSpouse", required: false) ?? false;
        if (half && type is { Pension: false })
        {
            f.Error($"{path}.halfPaidToSpouse", $"applies to a pension, not {type.Name}");
        }

        var evidenced = f.Bool(e, path, "evidenced", required: false) ?? true;
        return type is null || amount is null ? null : new IncomeItem(path, type, rate, amount.Value.Amount, amount.Value.Frequency, joint, half, evidenced);
    }

    private static CapitalItem? Capital(JsonElement e, string path, Fields f)
    {
        f.OnlyKnown(e, path, CapitalFields);
        var typeName = f.String(e, path, "type");
        var type = typeName is null ? null : CapitalType.Find(typeName);
        if (typeName is not null && type is null)
        {
            f.Error($"{path}.type", $"unknown capital type \"{typeName}\"; known types are {string.Join(", ", CapitalType.All.Select(t => t.Name))}");
        }

        var amount = f.Money(e, path, "amount", InputLimits.Capital, required: true);
        var holders = f.Whole(e, path, "holders", 2, InputLimits.Holders);
        if (holders is not null && type is not null && type.Treatment != CapitalTreatment.JointShare)
        {
            f.Error($"{path}.holders", $"applies to a joint account, not {type.Name}; give the value of the person's share as the amount");
        }

        var occupied = f.Bool(e, path, "occupiedByPartnerOrRelative", required: false) ?? false;
        if (occupied && type is not null && type.Treatment != CapitalTreatment.MainHome)
        {
            f.Error($"{path}.occupiedByPartnerOrRelative", "applies to the main home only");
        }

        var evidenced = f.Bool(e, path, "evidenced", required: false) ?? true;
        return type is null || amount is null ? null : new CapitalItem(path, type, amount.Value, holders ?? 2, occupied, evidenced);
    }

    private static Addressee? Addressee(JsonElement e, Fields f)
    {
        f.OnlyKnown(e, "addressee", AddresseeFields);
        var name = f.String(e, "addressee", "name");
        var lines = new List<string>();
        if (e.TryGetProperty("address", out var address))
        {
            if (address.ValueKind != JsonValueKind.Array || address.GetArrayLength() > MaxAddressLines
                || address.EnumerateArray().Any(l => l.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(l.GetString())))
            {
                f.Error("addressee.address", $"must be a list of 1 to {MaxAddressLines} non-empty lines");
            }
            else
            {
                lines.AddRange(address.EnumerateArray().Select(l => l.GetString()!.Trim()));
            }
        }

        var largePrint = f.Bool(e, "addressee", "largePrint", required: false) ?? false;
        return name is null ? null : new Addressee(name.Trim(), lines, largePrint);
    }

    private static LetterDelivery? Delivery(JsonElement e, Fields f)
    {
        f.OnlyKnown(e, "delivery", DeliveryFields);
        var method = f.String(e, "delivery", "method") switch
        {
            "post" => DeliveryMethod.Post,
            "email" => DeliveryMethod.Email,
            null => (DeliveryMethod?)null,
            var other => f.Error<DeliveryMethod?>("delivery.method", $"must be \"email\" or \"post\", not \"{other}\""),
        };
        if (method == DeliveryMethod.Post)
        {
            // An address beside "post" means the form is unsure how to send; sending nothing by e-mail silently would hide that.
            foreach (var unused in DeliveryFields.Skip(1).Where(n => e.TryGetProperty(n, out _)))
            {
                f.Error($"delivery.{unused}", "is only used when delivery.method is \"email\"");
            }

            return LetterDelivery.Post;
        }

        if (method == DeliveryMethod.Email && (!e.TryGetProperty("email", out var given) || given.ValueKind == JsonValueKind.Null))
        {
            f.Error("delivery.email", "is missing: an e-mail letter needs the address of the person or their representative");
        }

        var email = f.String(e, "delivery", "email", required: false);
        var copyTo = f.String(e, "delivery", "copyTo", required: false);
        email = f.EmailAddress("delivery.email", email);
        copyTo = f.EmailAddress("delivery.copyTo", copyTo);
        return method is null || email is null ? null : new LetterDelivery(DeliveryMethod.Email, email, copyTo);
    }

    private static Disposal? Disposal(JsonElement e, string path, Fields f, DateOnly? effectiveDate)
    {
        f.OnlyKnown(e, path, DisposalFields);
        var description = f.String(e, path, "description");
        var amount = f.Money(e, path, "amount", InputLimits.Capital, required: true);
        var date = f.Date(e, path, "date");
        if (date is { } d && effectiveDate is { } on && d > on)
        {
            f.Error($"{path}.date", "is after the effective date");
        }

        return description is null || amount is null || date is null ? null : new Disposal(path, description, amount.Value, date.Value);
    }

    private static PreviousAssessment? Previous(JsonElement e, Fields f, DateOnly? effectiveDate)
    {
        const string path = "previousAssessment";
        f.OnlyKnown(e, path, PreviousFields);
        var charge = f.Money(e, path, "weeklyCharge", InputLimits.WeeklyCostOfCare, required: true);
        var date = f.Date(e, path, "effectiveDate");
        if (date is { } d && effectiveDate is { } on && d >= on)
        {
            f.Error($"{path}.effectiveDate", "must be before this assessment's effective date");
        }

        return charge is null || date is null ? null : new PreviousAssessment(charge.Value, date.Value);
    }

    private static ExpenseItem? Expense(JsonElement e, string path, Fields f)
    {
        f.OnlyKnown(e, path, ExpenseFields);
        var item = f.String(e, path, "item");
        var amount = f.PeriodAmount(e, path, InputLimits.WeeklyExpense);
        return item is null || amount is null ? null : new ExpenseItem(path, item, amount.Value.Amount, amount.Value.Frequency);
    }

    /// <summary>Reads fields and collects what is wrong with them, so one pass reports every problem.</summary>
    private sealed class Fields
    {
        public List<InputError> Errors { get; } = [];

        public void Error(string field, string message) => Errors.Add(new InputError(field, message));

        public T? Error<T>(string field, string message)
        {
            Error(field, message);
            return default;
        }

        public void OnlyKnown(JsonElement e, string path, string[] known)
        {
            foreach (var property in e.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    Error(Join(path, property.Name), $"is not a field of {(path.Length == 0 ? "the document" : path)} (known: {string.Join(", ", known)})");
                }
            }
        }

        public JsonElement? Object(JsonElement e, string path, string name)
        {
            if (!e.TryGetProperty(name, out var value))
            {
                return Error<JsonElement?>(Join(path, name), "is missing");
            }

            return value.ValueKind == JsonValueKind.Object ? value : Error<JsonElement?>(Join(path, name), "must be an object");
        }

        public List<T> List<T>(JsonElement e, string name, bool required, Func<JsonElement, string, T?> read)
            where T : class
        {
            var items = new List<T>();
            if (!e.TryGetProperty(name, out var list))
            {
                if (required)
                {
                    Error(name, "is missing (give [] when there is none)");
                }

                return items;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                Error(name, "must be a list");
                return items;
            }

            var i = 0;
            foreach (var element in list.EnumerateArray())
            {
                var path = $"{name}[{i++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    Error(path, "must be an object");
                }
                else if (read(element, path) is { } item)
                {
                    items.Add(item);
                }
            }

            return items;
        }

        public string? String(JsonElement e, string path, string name, bool required = true)
        {
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return required ? Error<string>(Join(path, name), "is missing") : null;
            }

            return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                ? value.GetString()
                : Error<string>(Join(path, name), "must be a non-empty string");
        }

        /// <summary>A bare address (no display name), as SMTP takes it; null when absent or refused.</summary>
        public string? EmailAddress(string field, string? text)
        {
            if (text is null)
            {
                return null;
            }

            var trimmed = text.Trim();
            return MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && address.DisplayName.Length == 0
                ? trimmed
                : Error<string>(field, "must be an e-mail address such as name@example.org");
        }

        public bool? Bool(JsonElement e, string path, string name, bool required)
        {
            if (!e.TryGetProperty(name, out var value))
            {
                return required ? Error<bool?>(Join(path, name), "is missing (true or false)") : null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => Error<bool?>(Join(path, name), "must be true or false"),
            };
        }

        public int? Whole(JsonElement e, string path, string name, int min, int max)
        {
            if (!e.TryGetProperty(name, out var value))
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
                ? number
                : Error<int?>(Join(path, name), $"must be a whole number from {min} to {max}");
        }

        public DateOnly? Date(JsonElement e, string path, string name, bool required = true)
        {
            var text = String(e, path, name, required);
            if (text is null)
            {
                return null;
            }

            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : Error<DateOnly?>(Join(path, name), "must be a date as YYYY-MM-DD");
        }

        public decimal? Money(JsonElement e, string path, string name, decimal max, bool required, decimal scale = 1m)
        {
            var field = Join(path, name);
            if (!e.TryGetProperty(name, out var value))
            {
                return required ? Error<decimal?>(field, "is missing") : null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount))
            {
                return Error<decimal?>(field, "must be an amount in pounds, e.g. 230.25");
            }

            if (amount < 0)
            {
                return Error<decimal?>(field, "must not be negative");
            }

            if (decimal.Round(amount, 2) != amount)
            {
                return Error<decimal?>(field, "has more than 2 decimal places (pounds and pence only)");
            }

            // scale turns a monthly, four-weekly or annual figure into its weekly size for the believability check.
            return amount * scale > max
                ? Error<decimal?>(field, string.Create(CultureInfo.InvariantCulture, $"is not believable (more than £{max:N0} a week); check the figure and its period"))
                : amount;
        }

        public (decimal Amount, Frequency Frequency)? PeriodAmount(JsonElement e, string path, decimal weeklyMax)
        {
            var given = FrequencyFields.Where(n => e.TryGetProperty(n, out _)).ToList();
            if (given.Count != 1)
            {
                return Error<(decimal, Frequency)?>(
                    path, given.Count == 0 ? "needs an amount: one of weekly, fourWeekly, monthly, annual" : $"gives {string.Join(" and ", given)}; give one");
            }

            var (frequency, scale) = given[0] switch
            {
                "weekly" => (Frequency.Weekly, 1m),
                "fourWeekly" => (Frequency.FourWeekly, 1m / 4),
                "monthly" => (Frequency.Monthly, 12m / 52),
                _ => (Frequency.Annual, 1m / 52),
            };
            return Money(e, path, given[0], weeklyMax, required: true, scale) is { } amount ? (amount, frequency) : null;
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    }
}
