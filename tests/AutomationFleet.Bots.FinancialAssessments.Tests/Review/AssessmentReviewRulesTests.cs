using System.Globalization;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Review;
using AutomationFleet.Bots.FinancialAssessments.Tests.Letters;

namespace AutomationFleet.Bots.FinancialAssessments.Tests.Review;

public sealed class AssessmentReviewRulesTests
{
    private const string Base = """
        { "reference": "R-1", "effectiveDate": "2025-06-02", "setting": "home",
          "person": { "dateOfBirth": "1950-01-01", "couple": false },
          "income": [ { "type": "state-pension", "weekly": 230.25 } ],
          "capital": [ { "type": "savings", "amount": 5000.00 } ],
          "costOfCare": { "weekly": 200.00 } }
        """;

    [Fact]
    public void Check_PlainCase_NoReasons() => Assert.Empty(Check(Base));

    [Fact]
    public void Check_SampleFa2_NoReasons() => Assert.Empty(Check(ChargeLetterWriterTests.Sample("FA-2")));

    [Theory]
    [InlineData("13750.00", "lower capital limit")]
    [InlineData("14750.00", "lower capital limit")]
    [InlineData("23000.00", "upper capital limit")]
    [InlineData("23750.00", "upper capital limit")]
    public void Check_CapitalWithinTheMarginOfALimit_Flagged(string capital, string limit) =>
        Assert.Contains(Check(Base.Replace("5000.00", capital, StringComparison.Ordinal)), r => r.Contains(limit, StringComparison.Ordinal));

    [Fact]
    public void Check_CapitalJustOutsideTheMargin_NotFlagged() =>
        Assert.Empty(Check(Base.Replace("5000.00", "14750.01", StringComparison.Ordinal)));

    [Fact]
    public void Check_MarginSetting_Used() =>
        Assert.NotEmpty(Check(Base.Replace("5000.00", "15000.00", StringComparison.Ordinal), new FinancialAssessmentsOptions { CapitalMargin = 800 }));

    [Theory]
    [InlineData("main-home")]
    [InlineData("other-property")]
    [InlineData("land")]
    public void Check_PropertyOwned_Flagged(string type) =>
        Assert.Contains(Check(Base.Replace("\"savings\"", $"\"{type}\"", StringComparison.Ordinal)), r => r.StartsWith("Property owned: capital[0]", StringComparison.Ordinal));

    [Fact]
    public void Check_NotionalCapital_SignOfDeprivation() =>
        Assert.Contains(Check(Base.Replace("\"savings\"", "\"notional\"", StringComparison.Ordinal)), r => r.StartsWith("Signs of deprivation", StringComparison.Ordinal));

    [Fact]
    public void Check_RecentDisposal_SignOfDeprivation() =>
        Assert.Contains(Check(WithDisposal("2024-01-10")), r => r.Contains("given away or spent on 2024-01-10 (disposals[0])", StringComparison.Ordinal));

    [Fact]
    public void Check_DisposalBeforeTheLookback_NotFlagged() => Assert.Empty(Check(WithDisposal("2010-01-10")));

    [Fact]
    public void Check_UnrecognisedIncome_Flagged() =>
        Assert.Contains(Check(Base.Replace("\"state-pension\"", "\"other-income\"", StringComparison.Ordinal)), r => r.StartsWith("An income the bot does not recognise (income[0])", StringComparison.Ordinal));

    [Fact]
    public void Check_NoEvidence_FlaggedNamingTheField() =>
        Assert.Contains(Check(Base.Replace("\"weekly\": 230.25", "\"weekly\": 230.25, \"evidenced\": false", StringComparison.Ordinal)), r => r == "Missing evidence: no proof came with income[0] (state-pension).");

    [Fact]
    public void Check_SelfDeclaredOnThePublicSite_AlwaysToAPerson()
    {
        var reasons = Check(Base.Replace("\"reference\": \"R-1\",", "\"reference\": \"R-1\", \"selfDeclared\": true,", StringComparison.Ordinal));

        Assert.Contains(reasons, r => r.StartsWith("Self-declared: the person applied on the public site", StringComparison.Ordinal));
        Assert.Empty(Check(Base));
    }

    [Fact]
    public void Check_TwoDisabilityCareBenefits_Inconsistent() =>
        Assert.Contains(
            Check(Base.Replace("""[ { "type": "state-pension", "weekly": 230.25 } ]""", """[ { "type": "attendance-allowance", "rate": "lower", "weekly": 73.90 }, { "type": "pip-daily-living", "rate": "standard", "weekly": 73.90 } ]""", StringComparison.Ordinal)),
            r => r.StartsWith("Inconsistent data: more than one disability care benefit", StringComparison.Ordinal));

    [Fact]
    public void Check_CareHomeWithHousingCosts_Inconsistent() =>
        Assert.Contains(
            Check(Base.Replace("\"home\"", "\"care-home\"", StringComparison.Ordinal).Replace("\"costOfCare\"", "\"housingCosts\": [ { \"item\": \"rent\", \"weekly\": 10.00 } ], \"costOfCare\"", StringComparison.Ordinal)),
            r => r.StartsWith("Inconsistent data: a care-home resident", StringComparison.Ordinal));

    [Theory]
    [InlineData("-30.00", "up £30.00 a week")]
    [InlineData("30.00", "down £30.00 a week")]
    public void Check_ChargeChangedByMoreThanTheThreshold_FlaggedWithBothCharges(string offset, string change)
    {
        var previous = RicherCharge + decimal.Parse(offset, CultureInfo.InvariantCulture);

        var reason = Assert.Single(Check(WithPrevious(previous)));

        Assert.StartsWith("The charge changed by more than £25.00 a week since the last assessment:", reason, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"£{RicherCharge:N2} now, £{previous:N2} from 2024-06-03, {change}"), reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ChargeChangedByExactlyTheThreshold_NotFlagged()
    {
        Assert.Empty(Check(WithPrevious(RicherCharge - 25m)));
        Assert.Empty(Check(WithPrevious(RicherCharge + 25m)));
        Assert.Single(Check(WithPrevious(RicherCharge + 25.01m)));
    }

    [Fact]
    public void Check_ChargeChangeThresholdSetting_Used()
    {
        var json = WithPrevious(RicherCharge + 10m);

        Assert.Empty(Check(json));
        Assert.Single(Check(json, new FinancialAssessmentsOptions { ChargeChangeThreshold = 5m }));
    }

    [Fact]
    public void Check_NoPreviousAssessment_NoChargeChangeReason() => Assert.Empty(Check(Richer));

    // A pension well above the MIG, so the charge is far enough from zero to move either way.
    private static readonly string Richer = Base.Replace("230.25", "400.00", StringComparison.Ordinal);

    private static readonly decimal RicherCharge = ChargeLetterWriterTests.Assessor.Assess(Richer).WeeklyCharge;

    private static string WithPrevious(decimal charge) =>
        Richer.Replace("\"costOfCare\"", string.Create(CultureInfo.InvariantCulture, $$"""  "previousAssessment": { "weeklyCharge": {{charge:0.00}}, "effectiveDate": "2024-06-03" }, "costOfCare" """), StringComparison.Ordinal);

    private static string WithDisposal(string date) =>
        Base.Replace("\"costOfCare\"", $$"""  "disposals": [ { "description": "gift", "amount": 9000.00, "date": "{{date}}" } ], "costOfCare" """, StringComparison.Ordinal);

    private static IReadOnlyList<string> Check(string json, FinancialAssessmentsOptions? options = null)
    {
        var assessment = AssessmentReader.Read(json);
        return AssessmentReviewRules.Check(assessment, ChargeLetterWriterTests.Assessor.Assess(assessment), options ?? new FinancialAssessmentsOptions());
    }
}
