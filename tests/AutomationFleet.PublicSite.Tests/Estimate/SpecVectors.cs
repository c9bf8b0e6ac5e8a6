using AutomationFleet.Bots.FinancialAssessments;
using AutomationFleet.PublicSite.Estimate;

namespace AutomationFleet.PublicSite.Tests.Estimate;

/// <summary>
/// The test vectors of shared/spec/financial-assessment.md §4 (as the bot's own ChargeCalculatorVectorTests read them),
/// each as the assessment document and as what a person types into the estimate. Vector 9 is left out: it is a couple
/// on a made-up rates year, and the estimate is for one person on the published rates.
/// </summary>
internal static class SpecVectors
{
    public sealed record Vector(string Name, DateOnly Date, string Document, ChargeEstimateForm Form, LocalChargingPolicy Policy, decimal Charge);

    public static IEnumerable<object[]> All() => Vectors().Select(v => new object[] { v.Name });

    public static Vector Named(string name) => Vectors().Single(v => v.Name == name);

    private static MoneyRow Income(string type, string amount, string? rate = null, string period = "weekly") =>
        new() { Type = type, Amount = amount, Rate = rate, Period = period };

    private static MoneyRow Cost(string amount, string period = "weekly") => new() { Amount = amount, Period = period };

    private static ChargeEstimateForm Form(string dob, string setting, string cost, MoneyRow[] income, bool premiums = false, string? savings = null, MoneyRow[]? housing = null, MoneyRow[]? dre = null)
    {
        var date = DateOnly.Parse(dob, System.Globalization.CultureInfo.InvariantCulture);
        return new ChargeEstimateForm
        {
            BirthDay = date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            BirthMonth = date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            BirthYear = date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Setting = setting,
            CostOfCareWeekly = cost,
            DisabilityPremium = premiums,
            EnhancedDisabilityPremium = premiums,
            Income = [.. income],
            Savings = savings,
            HousingCosts = [.. housing ?? []],
            DisabilityCosts = [.. dre ?? []],
        };
    }

    private static IEnumerable<Vector> Vectors()
    {
        yield return new("V1", new(2024, 10, 1), """
            { "reference": "V1", "effectiveDate": "2024-10-01", "setting": "home",
              "person": { "dateOfBirth": "2002-03-01", "couple": false, "premiums": ["disability", "enhanced-disability"], "nightCare": false },
              "income": [ { "type": "universal-credit", "weekly": 167.96 },
                          { "type": "pip-daily-living", "rate": "enhanced", "weekly": 108.55 },
                          { "type": "pip-mobility", "rate": "enhanced", "weekly": 75.75 } ],
              "capital": [],
              "disabilityRelatedExpenditure": [ { "item": "heating", "weekly": 6.42 }, { "item": "laundry", "weekly": 6.18 } ],
              "costOfCare": { "weekly": 391.95 } }
            """,
            Form("2002-03-01", "home", "391.95", [Income("universal-credit", "167.96"), Income("pip-daily-living", "108.55", "enhanced"), Income("pip-mobility", "75.75", "enhanced")],
                premiums: true, dre: [Cost("6.42"), Cost("6.18")]),
            new LocalChargingPolicy { DisregardNightTimeDifference = true }, 67.71m);

        yield return new("V2", new(2023, 9, 1), """
            { "reference": "V2", "effectiveDate": "2023-09-01", "setting": "home",
              "person": { "dateOfBirth": "1986-01-15", "couple": false, "premiums": ["disability", "enhanced-disability"], "nightCare": false },
              "income": [ { "type": "employment-and-support-allowance", "weekly": 225.45 },
                          { "type": "pip-daily-living", "rate": "enhanced", "weekly": 101.75 },
                          { "type": "pip-mobility", "rate": "standard", "weekly": 26.90 } ],
              "housingCosts": [ { "item": "rent", "weekly": 10.00 }, { "item": "water", "weekly": 6.00 }, { "item": "service charge", "weekly": 1.27 } ],
              "disabilityRelatedExpenditure": [ { "item": "heating", "weekly": 20.00 }, { "item": "laundry", "monthly": 10.00 }, { "item": "diet", "monthly": 25.00 } ],
              "costOfCare": { "weekly": 454.00 } }
            """,
            Form("1986-01-15", "home", "454.00", [Income("employment-and-support-allowance", "225.45"), Income("pip-daily-living", "101.75", "enhanced"), Income("pip-mobility", "26.90", "standard")],
                premiums: true, housing: [Cost("10.00"), Cost("6.00"), Cost("1.27")], dre: [Cost("20.00"), Cost("10.00", "monthly"), Cost("25.00", "monthly")]),
            new LocalChargingPolicy(), 110.10m);

        yield return new("V3", new(2024, 7, 1), """
            { "reference": "V3", "effectiveDate": "2024-07-01", "setting": "home",
              "person": { "dateOfBirth": "1939-02-02", "couple": false, "nightCare": false },
              "income": [ { "type": "state-pension", "weekly": 169.50 }, { "type": "pension-credit", "weekly": 48.65 } ],
              "disabilityRelatedExpenditure": [ { "item": "telecare", "weekly": 9.30 } ],
              "costOfCare": { "weekly": 287.50 } }
            """,
            Form("1939-02-02", "home", "287.50", [Income("state-pension", "169.50"), Income("pension-credit", "48.65")], dre: [Cost("9.30")]),
            new LocalChargingPolicy(), 0m);

        yield return new("V4", new(2023, 11, 20), """
            { "reference": "V4", "effectiveDate": "2023-11-20", "setting": "home",
              "person": { "dateOfBirth": "1938-06-01", "couple": false, "nightCare": false },
              "income": [ { "type": "state-pension", "weekly": 203.85 }, { "type": "attendance-allowance", "rate": "higher", "weekly": 101.75 } ],
              "housingCosts": [ { "item": "household bills", "weekly": 100.00 } ],
              "disabilityRelatedExpenditure": [ { "item": "extra", "weekly": 5.00 } ],
              "costOfCare": { "weekly": 180.10 } }
            """,
            Form("1938-06-01", "home", "180.10", [Income("state-pension", "203.85"), Income("attendance-allowance", "101.75", "higher")], housing: [Cost("100.00")], dre: [Cost("5.00")]),
            new LocalChargingPolicy(), 0m);

        yield return new("V5", new(2025, 8, 1), """
            { "reference": "V5", "effectiveDate": "2025-08-01", "setting": "home",
              "person": { "dateOfBirth": "1983-01-10", "couple": false, "nightCare": false },
              "income": [ { "type": "universal-credit", "weekly": 186.84 },
                          { "type": "pip-daily-living", "rate": "enhanced", "weekly": 110.40 },
                          { "type": "pip-mobility", "rate": "enhanced", "weekly": 77.05 } ],
              "disabilityRelatedExpenditure": [ { "item": "extra", "weekly": 16.75 } ],
              "costOfCare": { "weekly": 206.00 } }
            """,
            Form("1983-01-10", "home", "206.00", [Income("universal-credit", "186.84"), Income("pip-daily-living", "110.40", "enhanced"), Income("pip-mobility", "77.05", "enhanced")], dre: [Cost("16.75")]),
            new LocalChargingPolicy { MigUplift = 230.10m }, 0m);

        yield return new("V6", new(2024, 6, 10), """
            { "reference": "V6", "effectiveDate": "2024-06-10", "setting": "care-home",
              "person": { "dateOfBirth": "1934-01-01", "couple": false },
              "income": [ { "type": "state-pension", "weekly": 227.55 }, { "type": "savings-credit", "weekly": 7.25 } ],
              "capital": [ { "type": "savings", "amount": 17050.91 } ],
              "costOfCare": { "weekly": 685.37 } }
            """,
            Form("1934-01-01", "care-home", "685.37", [Income("state-pension", "227.55"), Income("savings-credit", "7.25")], savings: "17,050.91"),
            new LocalChargingPolicy(), 209.70m);

        yield return new("V7", new(2024, 5, 1), """
            { "reference": "V7", "effectiveDate": "2024-05-01", "setting": "care-home",
              "person": { "dateOfBirth": "1940-03-03", "couple": false },
              "income": [ { "type": "state-pension", "weekly": 209.67 }, { "type": "personal-pension", "weekly": 25.81 } ],
              "capital": [ { "type": "savings", "amount": 9000.00 } ],
              "costOfCare": { "weekly": 694.00 } }
            """,
            Form("1940-03-03", "care-home", "694.00", [Income("state-pension", "209.67"), Income("personal-pension", "25.81")], savings: "£9000"),
            new LocalChargingPolicy(), 205.33m);

        yield return new("V8", new(2024, 9, 9), """
            { "reference": "V8", "effectiveDate": "2024-09-09", "setting": "care-home",
              "person": { "dateOfBirth": "1953-04-01", "couple": false },
              "income": [ { "type": "state-pension", "weekly": 130.00 }, { "type": "other-benefit", "weekly": 40.00 } ],
              "capital": [ { "type": "savings", "amount": 15250.00 } ],
              "costOfCare": { "weekly": 900.00 } }
            """,
            Form("1953-04-01", "care-home", "900.00", [Income("state-pension", "130.00"), Income("other-benefit", "40.00")], savings: "15250.00"),
            new LocalChargingPolicy(), 143.85m);
    }
}
