using System.Text.Json.Nodes;
using AutomationFleet.Bots.FinancialAssessments.Assessments;

namespace AutomationFleet.Bots.FinancialAssessments.Tests.Assessments;

/// <summary>Bad documents are refused with an error naming the field; the issue's example document is read as given.</summary>
public sealed class AssessmentReaderTests
{
    private static readonly string Example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "FA-1.json"));

    [Fact]
    public void Read_IssueExample_ReadsEveryField()
    {
        var a = AssessmentReader.Read(Example);

        Assert.Equal("FA-1", a.Reference);
        Assert.Equal(new DateOnly(2025, 6, 2), a.EffectiveDate);
        Assert.Equal(CareSetting.Home, a.Setting);
        Assert.Equal([Premium.Disability], a.Person.Premiums);
        Assert.Equal(4, a.Income.Count);
        Assert.Equal(("earnings", 260.00m, Frequency.Monthly), (a.Income[3].Type.Name, a.Income[3].Amount, a.Income[3].Frequency));
        Assert.Equal("lower", a.Income[1].Rate);
        Assert.Equal(8000.00m, a.Capital[1].Amount);
        Assert.Equal(250.00m, a.CostOfCareWeekly);
    }

    [Theory]
    [InlineData("missing-date", "effectiveDate", "is missing")]
    [InlineData("missing-cost", "costOfCare", "is missing")]
    [InlineData("missing-dob", "person.dateOfBirth", "is missing")]
    [InlineData("negative", "income[0].weekly", "must not be negative")]
    [InlineData("negative-capital", "capital[0].amount", "must not be negative")]
    [InlineData("three-decimals", "income[0].weekly", "more than 2 decimal places")]
    [InlineData("million-a-week", "income[0].weekly", "not believable")]
    [InlineData("absurd-annual", "income[3].annual", "not believable")]
    [InlineData("unknown-income", "income[0].type", "unknown income type \"lottery-win\"")]
    [InlineData("unknown-capital", "capital[0].type", "unknown capital type \"bitcoin\"")]
    [InlineData("misspelt-field", "income[0].weekley", "is not a field of income[0]")]
    [InlineData("two-periods", "income[0]", "gives weekly and monthly")]
    [InlineData("no-rate", "income[1].rate", "is needed for attendance-allowance")]
    [InlineData("wrong-rate", "income[1].rate", "must be one of higher, lower")]
    [InlineData("bad-setting", "setting", "must be \"home\" or \"care-home\"")]
    [InlineData("bad-date", "effectiveDate", "YYYY-MM-DD")]
    [InlineData("child", "person.dateOfBirth", "an adult of 18")]
    [InlineData("couple-no-partner", "person.partnerDateOfBirth", "is needed for a couple")]
    [InlineData("home-no-admission", "careHomeAdmission", "is needed")]
    [InlineData("amount-as-text", "costOfCare.weekly", "must be an amount")]
    [InlineData("previous-no-charge", "previousAssessment.weeklyCharge", "is missing")]
    [InlineData("previous-three-decimals", "previousAssessment.weeklyCharge", "more than 2 decimal places")]
    [InlineData("previous-negative", "previousAssessment.weeklyCharge", "must not be negative")]
    [InlineData("previous-not-before", "previousAssessment.effectiveDate", "must be before this assessment's effective date")]
    [InlineData("previous-misspelt", "previousAssessment.weeklyCharges", "is not a field of previousAssessment")]
    public void Read_BadDocument_ErrorNamesTheField(string change, string field, string message)
    {
        var exception = Assert.Throws<AssessmentInputException>(() => AssessmentReader.Read(Mutate(change)));

        Assert.Contains(exception.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_PreviousAssessment_Read()
    {
        var json = JsonNode.Parse(Example)!;
        json["previousAssessment"] = JsonNode.Parse("""{ "weeklyCharge": 120.50, "effectiveDate": "2024-06-03" }""");

        var assessment = AssessmentReader.Read(json.ToJsonString());

        Assert.Equal(new PreviousAssessment(120.50m, new DateOnly(2024, 6, 3)), assessment.Previous);
    }

    [Fact]
    public void Read_MalformedJson_ErrorNamesDocumentAndLine()
    {
        var exception = Assert.Throws<AssessmentInputException>(() => AssessmentReader.Read("{ \"reference\": \"FA-1\",\n \"setting\": }"));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("document", error.Field);
        Assert.Contains("not valid JSON at line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEveryOne()
    {
        var json = JsonNode.Parse(Example)!;
        json["income"]![0]!["weekly"] = -5;
        json["capital"]![1]!["amount"] = 1.234m;
        json.AsObject().Remove("setting");

        var exception = Assert.Throws<AssessmentInputException>(() => AssessmentReader.Read(json.ToJsonString()));

        Assert.Equal(["capital[1].amount", "income[0].weekly", "setting"], exception.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Assess_EffectiveDateInYearWithNoRates_ErrorNamesEffectiveDate()
    {
        var json = JsonNode.Parse(Example)!;
        json["effectiveDate"] = "2030-05-01";

        var exception = Assert.Throws<AssessmentInputException>(() => new ChargeAssessor(TestRates.Shipped, new LocalChargingPolicy()).Assess(json.ToJsonString()));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("effectiveDate", error.Field);
        Assert.Contains("no charging rates for 2030-31", error.Message, StringComparison.Ordinal);
    }

    private static string Mutate(string change)
    {
        var json = JsonNode.Parse(Example)!;
        var root = json.AsObject();
        var income = json["income"]!.AsArray();
        switch (change)
        {
            case "missing-date": root.Remove("effectiveDate"); break;
            case "missing-cost": root.Remove("costOfCare"); break;
            case "missing-dob": json["person"]!.AsObject().Remove("dateOfBirth"); break;
            case "negative": income[0]!["weekly"] = -0.01m; break;
            case "negative-capital": json["capital"]![0]!["amount"] = -100m; break;
            case "three-decimals": income[0]!["weekly"] = 230.255m; break;
            case "million-a-week": income[0]!["weekly"] = 1_000_000m; break;
            case "absurd-annual": income[3] = JsonNode.Parse("""{ "type": "earnings", "annual": 600000.00 }"""); break;
            case "unknown-income": income[0]!["type"] = "lottery-win"; break;
            case "unknown-capital": json["capital"]![0]!["type"] = "bitcoin"; break;
            case "misspelt-field": income[0] = JsonNode.Parse("""{ "type": "state-pension", "weekly": 1.00, "weekley": 2.00 }"""); break;
            case "two-periods": income[0]!["monthly"] = 100m; break;
            case "no-rate": income[1]!.AsObject().Remove("rate"); break;
            case "wrong-rate": income[1]!["rate"] = "enhanced"; break;
            case "bad-setting": root["setting"] = "hospital"; break;
            case "bad-date": root["effectiveDate"] = "02/06/2025"; break;
            case "child": json["person"]!["dateOfBirth"] = "2010-01-01"; break;
            case "couple-no-partner": json["person"]!["couple"] = true; break;
            case "home-no-admission":
                root["setting"] = "care-home";
                json["capital"]!.AsArray().Add(JsonNode.Parse("""{ "type": "main-home", "amount": 180000.00 }"""));
                break;
            case "amount-as-text": json["costOfCare"]!["weekly"] = "250"; break;
            case "previous-no-charge": root["previousAssessment"] = JsonNode.Parse("""{ "effectiveDate": "2024-06-03" }"""); break;
            case "previous-three-decimals": root["previousAssessment"] = JsonNode.Parse("""{ "weeklyCharge": 120.505, "effectiveDate": "2024-06-03" }"""); break;
            case "previous-negative": root["previousAssessment"] = JsonNode.Parse("""{ "weeklyCharge": -1.00, "effectiveDate": "2024-06-03" }"""); break;
            case "previous-not-before": root["previousAssessment"] = JsonNode.Parse("""{ "weeklyCharge": 120.50, "effectiveDate": "2025-06-02" }"""); break;
            case "previous-misspelt": root["previousAssessment"] = JsonNode.Parse("""{ "weeklyCharges": 120.50, "weeklyCharge": 120.50, "effectiveDate": "2024-06-03" }"""); break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }

        return json.ToJsonString();
    }
}
