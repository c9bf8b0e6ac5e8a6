using System.Globalization;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Calculation;
using AutomationFleet.Bots.FinancialAssessments.Rates;

namespace AutomationFleet.Bots.FinancialAssessments.Letters;

/// <summary>
/// The written record of a financial assessment (Care Act 2014 s.17(6)) as a PDF letter, in the sections of spec §5:
/// the weekly charge and the date it starts; the full breakdown (every figure of the <see cref="ChargeBreakdown"/>, its
/// rule and the year's rate); how to pay; the duty to report changes; how to ask for a review, appeal and complain,
/// through to the Ombudsman. Plain English; <c>largePrint</c> sets it in 16 point and up. Thread-safe.
/// </summary>
public sealed class ChargeLetterWriter
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private readonly LetterOptions _options;

    /// <summary>Installs the configured fonts; throws naming the font file when it is missing.</summary>
    public ChargeLetterWriter(LetterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LetterFonts.Install(options);
        _options = options;
    }

    public byte[] Write(ChargeBreakdown breakdown, Addressee? addressee, DateOnly letterDate, bool largePrint = false)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        var b = breakdown;
        using var letter = new LetterComposer(largePrint ? LetterStyle.LargePrint : LetterStyle.Standard, $"Your financial assessment {b.Reference}");
        letter.RightBlock([_options.CouncilName, _options.TeamName, .. _options.ReturnAddressLines, $"Telephone {_options.Phone}", _options.Email]);
        letter.Space(12);
        if (addressee is not null)
        {
            foreach (var line in addressee.Address.Prepend(addressee.Name))
            {
                letter.Paragraph(line);
                letter.Space(-6);
            }

            letter.Space(12);
        }

        letter.Paragraph($"Date: {Day(letterDate)}");
        letter.Paragraph($"Our reference: {b.Reference}");
        letter.Paragraph(addressee is null ? "Dear Sir or Madam," : $"Dear {addressee.Name},");

        letter.Heading("Your financial assessment: what you will pay towards your care");
        var setting = b.Setting == "home" ? "the care and support you get at home" : "your care home";
        letter.Paragraph(
            $"We have finished a full financial assessment of what you can afford to pay towards {setting}. " +
            "This letter is the written record of that assessment, which the Care Act 2014 (section 17) says we must give you. " +
            $"We used the rates for the financial year {b.Year}.");

        letter.Heading("1. What you will pay");
        letter.Paragraph(ChargeSentence(b), bold: true);
        if (b.LocalAuthorityPays is { } council && !b.SelfFunder)
        {
            letter.Paragraph($"The weekly cost of your care home is {Pounds(b.CostOfCare)}. The council pays the rest, {Pounds(council)} a week.");
        }
        else if (!b.SelfFunder)
        {
            letter.Paragraph($"The weekly cost of your care is {Pounds(b.CostOfCare)}. You never pay more than the cost of your care.");
        }

        Breakdown(letter, b);
        Deferred(letter, b);

        letter.Heading("3. How to pay");
        letter.Paragraph($"We will send you an invoice {_options.InvoiceFrequency}. Please do not pay until you get an invoice. You can pay:");
        foreach (var method in _options.PaymentMethodLines)
        {
            letter.Bullet(method);
        }

        letter.Paragraph($"If you find it hard to pay, please call us on {_options.Phone} as soon as you can. We can talk about a way to pay that works for you.");

        letter.Heading("4. Tell us if anything changes");
        letter.Paragraph(
            "You must tell us straight away if your money or circumstances change: for example your income or benefits, your savings, " +
            "where you live, or who lives with you. A change can mean you pay more or less. If you do not tell us, you may have to pay back money you owe.");
        letter.Paragraph(
            "We look again at what you pay every April, when benefits and allowances change, and we will send you a new breakdown then. " +
            "We also do a full review of your assessment about every two years.");

        letter.Heading("5. If you think we have got it wrong");
        letter.Bullet(
            $"Ask for a review. Tell us within {_options.ReviewRequestWorkingDays} working days of the date of this letter why you think the assessment is wrong, " +
            "and send any papers that help. An officer who did not do your assessment will look at it again.");
        letter.Bullet(
            $"If you still disagree, you can appeal. A manager or a review panel will look at your case and reply within {_options.AppealReplyWorkingDays} working days.");
        letter.Bullet(
            $"You can also complain through the council's complaints procedure: write to {_options.TeamName}, {string.Join(", ", _options.ReturnAddressLines)}, " +
            $"call {_options.Phone} or e-mail {_options.Email}.");
        letter.Bullet(
            "If you are still unhappy after our complaints procedure, you can ask the Local Government and Social Care Ombudsman to look at it. " +
            "The Ombudsman is free and independent: www.lgo.org.uk, telephone 0300 061 0614.");

        letter.Heading("Other formats and help");
        letter.Paragraph(
            $"You can ask for this letter in large print, Easy Read, braille or another language. Someone can help you with it, for example a family member or an advocate. " +
            $"Call us on {_options.Phone} or e-mail {_options.Email}, quoting {b.Reference}.");
        letter.Paragraph("Yours sincerely,");
        letter.Paragraph(_options.TeamName);
        return letter.Finish();
    }

    private static string ChargeSentence(ChargeBreakdown b)
    {
        var from = Day(b.EffectiveDate);
        if (b.SelfFunder)
        {
            var upper = b.Steps.First(s => s.Name == "upper capital limit").Amount;
            return $"Your savings and other capital ({Pounds(b.AssessableCapital)}) are more than the upper capital limit of {Pounds(upper)}. " +
                   $"This means you pay the full cost of your care, {Pounds(b.WeeklyCharge)} a week, from {from}.";
        }

        return b.WeeklyCharge == 0
            ? $"You do not have to pay anything towards your care (£0.00 a week) from {from}, because your income is not more than the allowances the law protects for you."
            : $"You will pay {Pounds(b.WeeklyCharge)} a week towards your care, from {from}.";
    }

    private static void Breakdown(LetterComposer letter, ChargeBreakdown b)
    {
        letter.Heading("2. How we worked this out");
        letter.Paragraph("These are the figures we used. All amounts are weekly, except savings and other capital. Where we rounded, we rounded in your favour.");

        letter.Heading("Your savings and other capital");
        if (b.Capital.Count == 0)
        {
            letter.Paragraph("You told us you have no savings or other capital.");
        }

        foreach (var c in b.Capital)
        {
            letter.Figure(
                $"{Words(c.Type)}: worth {Pounds(c.Value)}, we count",
                Pounds(c.Counted),
                Sentence(c.Rule));
        }

        letter.Figure("Capital we count", Pounds(b.AssessableCapital), bold: true);
        letter.Paragraph("We ignore capital up to the lower limit. For each £250, or part of £250, between the lower and upper limits we count £1 a week as income (called tariff income).");

        letter.Heading("Your income");
        foreach (var i in b.Income)
        {
            var kind = i.BenefitRate is null ? Words(i.Type) : $"{Words(i.Type)} ({i.BenefitRate} rate)";
            var given = i.Period.StartsWith("weekly", StringComparison.Ordinal) ? $"{Pounds(i.Given)} a week" : $"{Pounds(i.Given)} {PeriodWords(i.Period)}, which is {Pounds(i.Weekly)} a week";
            letter.Figure(
                $"{kind}: {given}; we ignore {Pounds(i.Disregarded)} and count",
                Pounds(i.Counted),
                Sentence(i.Rule) + Rate(i.Rate));
        }

        letter.Figure("Total income", Pounds(b.GrossIncome));
        letter.Figure("Income we ignore", Pounds(b.DisregardedIncome));
        letter.Figure("Income we count", Pounds(b.AssessableIncome), bold: true);

        letter.Heading(b.Setting == "home" ? "What we allow you to keep for living costs" : "What we allow you to keep for personal expenses");
        foreach (var a in b.Allowances)
        {
            letter.Figure(Sentence(a.Name), Pounds(a.Weekly), Sentence(a.Rule) + Rate(a.Rate));
        }

        letter.Figure("Total allowances", Pounds(b.TotalAllowances), bold: true);

        letter.Heading("The calculation, step by step");
        foreach (var s in b.Steps)
        {
            letter.Figure(Sentence(s.Name), Pounds(s.Amount), Sentence(s.Rule) + Rate(s.Rate), bold: s.Name == "weekly charge");
        }

        letter.Heading($"The rates we used ({b.Year})");
        foreach (var rate in b.RatesUsed)
        {
            letter.Figure(rate.Name, Pounds(rate.Amount), rate.Tag == "local" ? "The council's own charging policy." : $"Set for {rate.Year} (tag {rate.Tag}).");
        }
    }

    private static void Deferred(LetterComposer letter, ChargeBreakdown b)
    {
        if (b.Setting != "care-home" || !b.Capital.Any(c => c.Type == "main-home"))
        {
            return;
        }

        letter.Heading("Your home and a deferred payment agreement");
        letter.Paragraph(
            "You own your home. You may not have to sell it in your lifetime to pay for your care: you can ask us for a deferred payment agreement, " +
            "where the council pays and you repay later, for example when the home is sold. Please call us to ask for an application form.");
    }

    private static string Rate(RateUsed? rate) => rate is null
        ? ""
        : $" Rate: {rate.Name} for {rate.Year} is {Pounds(rate.Amount)}.";

    private static string PeriodWords(string period) => period switch
    {
        _ when period.StartsWith("monthly", StringComparison.Ordinal) => "a month",
        _ when period.StartsWith("four-weekly", StringComparison.Ordinal) => "every 4 weeks",
        _ => "a year",
    };

    /// <summary>A document name (<c>pip-mobility</c>) in words (<c>PIP mobility</c>).</summary>
    internal static string Words(string name)
    {
        var words = name.Split('-').Select(w => w is "pip" or "dla" or "afcs" or "isa" ? w.ToUpperInvariant() : w).ToArray();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words);
    }

    private static string Sentence(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + (text.EndsWith('.') ? "" : ".");

    internal static string Pounds(decimal amount) => "£" + amount.ToString("N2", English);

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", English);
}
