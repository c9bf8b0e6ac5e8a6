using System.Text.Json;
using AutomationFleet.Bots.FinancialAssessments;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Rates;
using AutomationFleet.Bots.FinancialAssessments.Review;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.PublicSite.Estimate;
using AutomationFleet.PublicSite.Tests.EndToEnd;
using Microsoft.Playwright;

namespace AutomationFleet.PublicSite.Tests.Estimate;

public sealed class ChargeEstimatorTests
{
    private static readonly ChargingRates Rates = ChargingRates.Load(Path.Combine(AppContext.BaseDirectory, "config", "charging"));

    [Theory]
    [MemberData(nameof(SpecVectors.All), MemberType = typeof(SpecVectors))]
    public void Estimate_SpecVector_EqualsTheFullCalculator(string name)
    {
        var vector = SpecVectors.Named(name);
        var assessor = new ChargeAssessor(Rates, vector.Policy);
        var full = assessor.Assess(vector.Document);
        var form = vector.Form;
        form.Pad();

        var estimate = new ChargeEstimator(new AssessmentIntake(assessor, "financial-assessments")).Estimate(form, vector.Date);

        Assert.True(estimate.Succeeded, string.Join("; ", estimate.Errors));
        Assert.Equal(vector.Charge, full.WeeklyCharge);
        Assert.Equal(full.WeeklyCharge, estimate.Breakdown!.WeeklyCharge);
        Assert.Equal(
            (full.AssessableCapital, full.TariffIncome, full.AssessableIncome, full.TotalAllowances, full.Available),
            (estimate.Breakdown.AssessableCapital, estimate.Breakdown.TariffIncome, estimate.Breakdown.AssessableIncome, estimate.Breakdown.TotalAllowances, estimate.Breakdown.Available));
    }

    [Fact]
    public void Estimate_BadFigures_EveryProblemByItsField()
    {
        var estimator = new ChargeEstimator(new AssessmentIntake(new ChargeAssessor(Rates, new LocalChargingPolicy()), "financial-assessments"));
        var form = new ChargeEstimateForm { BirthDay = "31", BirthMonth = "2", BirthYear = "1950", CostOfCareWeekly = "lots" };
        form.Income.Add(new MoneyRow { Type = "", Amount = "12.50" });
        form.Pad();

        var estimate = estimator.Estimate(form, new DateOnly(2025, 6, 2));

        Assert.False(estimate.Succeeded);
        Assert.Equal(["BirthDay", "Setting", "CostOfCareWeekly", "Income_0_Type"], estimate.Errors.Select(e => e.FieldId));
    }

    [Fact]
    public void Estimate_AttendanceAllowanceWithoutRate_ReaderErrorPointsAtTheRow()
    {
        var estimator = new ChargeEstimator(new AssessmentIntake(new ChargeAssessor(Rates, new LocalChargingPolicy()), "financial-assessments"));
        var form = SpecVectors.Named("V4").Form;
        form.Income.Insert(0, new MoneyRow());
        form.Income[2].Rate = "";
        form.Pad();

        var estimate = estimator.Estimate(form, new DateOnly(2023, 11, 20));

        Assert.Equal("Income_2_Rate", Assert.Single(estimate.Errors).FieldId);
    }
}

[Collection(PublicSiteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class EstimateTests(PublicSiteFixture fixture)
{
    /// <summary>FA-1's person, roughly: at home, a state pension and savings.</summary>
    internal static async Task FillFa1Async(IPage page)
    {
        await page.Locator("#BirthDay").FillAsync("1");
        await page.Locator("#BirthMonth").FillAsync("5");
        await page.Locator("#BirthYear").FillAsync("1953");
        await page.Locator("#Setting-home").CheckAsync();
        await page.Locator("#CostOfCareWeekly").FillAsync("250.00");
        await page.Locator("#Income_0_Type").SelectOptionAsync("state-pension");
        await page.Locator("#Income_0_Amount").FillAsync("230.25");
        await page.Locator("#Income_1_Type").SelectOptionAsync("earnings");
        await page.Locator("#Income_1_Amount").FillAsync("260");
        await page.Locator("#Income_1_Period").SelectOptionAsync("monthly");
        await page.Locator("#Savings").FillAsync("19,999.99");
        await page.Locator("#DisabilityCosts_0_Amount").FillAsync("18.40");
    }

    [Fact]
    public async Task Estimate_ThenApply_NothingStoredUntilAppliedThenOneSelfDeclaredItem()
    {
        var items = await CountItemsAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/estimate");
        await FillFa1Async(page);

        await page.Locator("#estimate-button").ClickAsync();

        await Assertions.Expect(page.Locator("#estimate-result")).ToContainTextAsync("a week");
        await Assertions.Expect(page.Locator(".govuk-warning-text")).ToContainTextAsync("A full financial assessment decides");
        await Assertions.Expect(page.Locator("#estimate-steps")).ToBeVisibleAsync();
        Assert.Equal(items, await CountItemsAsync());

        await page.Locator("#FullName").FillAsync("Edna Example");
        await page.Locator("#AddressLine1").FillAsync("1 High Street");
        await page.Locator("#Town").FillAsync("Ashby");
        await page.Locator("#Postcode").FillAsync("ab1 2cd");
        await page.Locator("#apply-button").ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Application received");
        var reference = await page.Locator("#applied-reference").InnerTextAsync();
        Assert.True(ShortReference.TryParse(reference, out var id));
        Assert.Equal(items + 1, await CountItemsAsync());
        var item = (await fixture.Store.GetItemAsync(id, CancellationToken.None))!;
        Assert.Equal("financial-assessments", item.Queue);
        using var document = JsonDocument.Parse(item.PayloadJson);
        Assert.True(document.RootElement.GetProperty("selfDeclared").GetBoolean());

        // The bot always sends a self-declared application to a person, whatever its figures.
        var assessment = AssessmentReader.Read(item.PayloadJson);
        var reasons = AssessmentReviewRules.Check(assessment, fixture.Assessor.Assess(assessment), new FinancialAssessmentsOptions());
        Assert.Contains(reasons, r => r.StartsWith("Self-declared", StringComparison.Ordinal));

        // And the applicant can look it up with the postcode they gave.
        await fixture.LookUpAsync(page, reference, postcode: "AB1 2CD");
        await Assertions.Expect(page.Locator("#case-stage")).ToHaveTextAsync("Received, waiting to be dealt with");
    }

    [Fact]
    public async Task Apply_WithoutAddress_RefusedAndNothingStored()
    {
        var items = await CountItemsAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/estimate");
        await FillFa1Async(page);
        await page.Locator("#estimate-button").ClickAsync();

        await page.Locator("#apply-button").ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter your full name");
        Assert.Equal(items, await CountItemsAsync());
    }

    private async Task<long> CountItemsAsync() =>
        (await fixture.Store.GetDepthAsync(CancellationToken.None)).Sum(d => (long)d.Count);
}
