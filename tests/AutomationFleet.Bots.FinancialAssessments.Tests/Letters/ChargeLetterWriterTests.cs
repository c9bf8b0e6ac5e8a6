using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Calculation;
using AutomationFleet.Bots.FinancialAssessments.Letters;

namespace AutomationFleet.Bots.FinancialAssessments.Tests.Letters;

public sealed class ChargeLetterWriterTests
{
    private static readonly DateOnly Today = new(2025, 6, 9);

    internal static readonly ChargeAssessor Assessor = new(TestRates.Shipped, new LocalChargingPolicy());

    internal static readonly ChargeLetterWriter Writer = new(new LetterOptions());

    internal const string CareHome = """
        { "reference": "FA-CH-1", "effectiveDate": "2024-09-02", "setting": "care-home",
          "person": { "dateOfBirth": "1934-05-01", "couple": false },
          "income": [ { "type": "state-pension", "weekly": 227.55 }, { "type": "savings-credit", "weekly": 7.25 },
                      { "type": "occupational-pension", "monthly": 111.84 } ],
          "capital": [ { "type": "savings", "amount": 17050.91 } ],
          "costOfCare": { "weekly": 685.37 },
          "addressee": { "name": "Mr F Fictional", "address": [ "5 Madeup Way", "Westexample", "AB5 8SU" ] } }
        """;

    public static TheoryData<string> Documents => new()
    {
        Sample("FA-1"),
        Sample("FA-2"),
        Sample("FA-3"),
        CareHome,
        """
        { "reference": "FA-SF-1", "effectiveDate": "2025-06-02", "setting": "home",
          "person": { "dateOfBirth": "1950-01-01", "couple": false },
          "income": [ { "type": "state-pension", "weekly": 230.25 } ],
          "capital": [ { "type": "savings", "amount": 40000.00 } ],
          "costOfCare": { "weekly": 312.40 } }
        """,
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Write_AnyAssessment_CarriesEveryFigureOfTheBreakdown(string json)
    {
        var assessment = AssessmentReader.Read(json);
        var breakdown = Assessor.Assess(assessment);

        var text = PdfText.Read(Writer.Write(breakdown, assessment.Addressee, Today)).Text;

        var missing = Figures(breakdown).Where(f => !text.Contains(f, StringComparison.Ordinal)).ToList();
        Assert.Empty(missing);
        Assert.Contains($"Our reference: {breakdown.Reference}", text, StringComparison.Ordinal);
        Assert.Contains(breakdown.Year, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HomeCase_SaysTheChargeAndTheDateItStarts()
    {
        var breakdown = Assessor.Assess(Sample("FA-2"));
        Assert.True(breakdown.WeeklyCharge > 0);

        var text = PdfText.Read(Writer.Write(breakdown, null, Today)).Text;

        Assert.Contains($"You will pay {ChargeLetterWriter.Pounds(breakdown.WeeklyCharge)} a week towards your care, from 9 June 2025.", text, StringComparison.Ordinal);
        Assert.Contains("Dear Sir or Madam,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SelfFunder_SaysTheCapitalIsAboveTheUpperLimit()
    {
        var breakdown = Assessor.Assess(Sample("FA-1"));
        Assert.True(breakdown.SelfFunder);

        var text = PdfText.Read(Writer.Write(breakdown, null, Today)).Text;

        Assert.Contains("are more than the upper capital limit of £23,250.00", text, StringComparison.Ordinal);
        Assert.Contains($"you pay the full cost of your care, {ChargeLetterWriter.Pounds(breakdown.CostOfCare)} a week, from 2 June 2025.", text, StringComparison.Ordinal);
        Assert.Contains("Date: 9 June 2025", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CareHomeCase_SaysWhatTheCouncilPaysAndWhoItIsTo()
    {
        var assessment = AssessmentReader.Read(CareHome);
        var breakdown = Assessor.Assess(assessment);

        var text = PdfText.Read(Writer.Write(breakdown, assessment.Addressee, Today)).Text;

        Assert.Contains($"The council pays the rest, {ChargeLetterWriter.Pounds(breakdown.LocalAuthorityPays!.Value)} a week.", text, StringComparison.Ordinal);
        Assert.Contains("Dear Mr F Fictional,", text, StringComparison.Ordinal);
        Assert.Contains("AB5 8SU", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CareHomeResidentOwnsTheirHome_OffersADeferredPaymentAgreement()
    {
        var assessment = AssessmentReader.Read(Sample("FA-3"));

        var text = PdfText.Read(Writer.Write(Assessor.Assess(assessment), assessment.Addressee, Today)).Text;

        Assert.Contains("deferred payment agreement", text, StringComparison.Ordinal);
        Assert.DoesNotContain("deferred payment agreement", PdfText.Read(Writer.Write(Assessor.Assess(Sample("FA-2")), null, Today)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AnyCase_HasEverySectionOfTheSpec()
    {
        var breakdown = Assessor.Assess(CareHome);

        var text = PdfText.Read(Writer.Write(breakdown, null, Today)).Text;

        string[] sections =
        [
            "1. What you will pay", "2. How we worked this out", "3. How to pay", "4. Tell us if anything changes",
            "5. If you think we have got it wrong", "Ask for a review.", "you can appeal", "complaints procedure",
            "Local Government and Social Care Ombudsman", "every April", "Care Act 2014 (section 17)",
        ];
        Assert.All(sections, s => Assert.Contains(s, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_LargePrint_Sets16PointAndUpOnMorePages()
    {
        var breakdown = Assessor.Assess(CareHome);

        var standard = PdfText.Read(Writer.Write(breakdown, null, Today));
        var large = PdfText.Read(Writer.Write(breakdown, null, Today, largePrint: true));

        Assert.True(large.SmallestPointSize >= 16, $"smallest type {large.SmallestPointSize} pt");
        Assert.True(standard.SmallestPointSize < 16);
        Assert.True(large.Pages > standard.Pages);
        var missing = Figures(breakdown).Where(f => !large.Text.Contains(f, StringComparison.Ordinal)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Write_ManyPages_NumbersEveryPage()
    {
        var breakdown = Assessor.Assess(CareHome);

        var pdf = PdfText.Read(Writer.Write(breakdown, null, Today, largePrint: true));

        Assert.Contains($"Page {pdf.Pages} of {pdf.Pages}", pdf.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_FontMissing_NamesTheFileAndThePackage()
    {
        var problems = LetterFonts.Problems(new LetterOptions { FontDirectory = "/nonexistent/fonts" });

        Assert.Equal(2, problems.Count);
        Assert.Contains("/nonexistent/fonts/DejaVuSans.ttf", problems[0], StringComparison.Ordinal);
        Assert.Contains("fonts-dejavu-core", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FontMissing_ThrowsNamingTheFile()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => new ChargeLetterWriter(new LetterOptions { FontDirectory = "/nonexistent/fonts" }));

        Assert.Contains("DejaVuSans.ttf", exception.Message, StringComparison.Ordinal);
    }

    internal static string Sample(string reference) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", $"{reference}.json"));

    /// <summary>Every amount in the breakdown as the letter writes it: each capital, income, allowance and step figure and each rate.</summary>
    internal static IEnumerable<string> Figures(ChargeBreakdown b) =>
        new[] { b.WeeklyCharge, b.CostOfCare, b.AssessableCapital, b.GrossIncome, b.DisregardedIncome, b.AssessableIncome, b.TotalAllowances }
            .Concat(b.LocalAuthorityPays is { } la ? [la] : [])
            .Concat(b.Capital.SelectMany(c => new[] { c.Value, c.Counted }))
            .Concat(b.Income.SelectMany(i => new[] { i.Given, i.Weekly, i.Disregarded, i.Counted }))
            .Concat(b.Allowances.Select(a => a.Weekly))
            .Concat(b.Steps.Select(s => s.Amount))
            .Concat(b.RatesUsed.Select(r => r.Amount))
            .Select(ChargeLetterWriter.Pounds)
            .Distinct();
}
