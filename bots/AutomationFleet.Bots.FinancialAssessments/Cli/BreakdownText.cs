using System.Globalization;
using System.Text;
using AutomationFleet.Bots.FinancialAssessments.Calculation;
using AutomationFleet.Bots.FinancialAssessments.Rates;

namespace AutomationFleet.Bots.FinancialAssessments.Cli;

/// <summary>The breakdown as text for a person at a terminal: every figure, its rule and the rate it came from.</summary>
internal static class BreakdownText
{
    public static string Write(ChargeBreakdown b)
    {
        var text = new StringBuilder();
        Line(text, $"Assessment {b.Reference}: {(b.Setting == "home" ? "care at home" : "care home")}, effective {b.EffectiveDate:yyyy-MM-dd}, rates {b.Year}");
        Line(text, "");
        Line(text, "Capital");
        foreach (var c in b.Capital)
        {
            Line(text, $"  {c.Field,-14} {c.Type,-22} value {c.Value,12:N2}  counted {c.Counted,12:N2}  {c.Rule}");
        }

        Line(text, $"  {"assessable capital",-37} {b.AssessableCapital,12:N2}");
        Line(text, "");
        Line(text, "Income (weekly)");
        foreach (var i in b.Income)
        {
            var kind = i.BenefitRate is null ? i.Type : $"{i.Type} ({i.BenefitRate})";
            Line(text, $"  {i.Field,-14} {kind,-36} {i.Given,9:N2} {i.Period,-20} weekly {i.Weekly,8:N2}  disregarded {i.Disregarded,8:N2}  counted {i.Counted,8:N2}  {i.Rule}{Rate(i.Rate)}");
        }

        Line(text, $"  gross {b.GrossIncome:N2}, disregarded {b.DisregardedIncome:N2}, assessable {b.AssessableIncome:N2}");
        Line(text, "");
        Line(text, "Allowances (weekly)");
        foreach (var a in b.Allowances)
        {
            Line(text, $"  {a.Name,-60} {a.Weekly,9:N2}  {a.Rule}{Rate(a.Rate)}");
        }

        Line(text, "");
        Line(text, "Charge (weekly)");
        foreach (var s in b.Steps)
        {
            Line(text, $"  {s.Name,-30} {s.Amount,12:N2}  {s.Rule}{Rate(s.Rate)}");
        }

        Line(text, "");
        Line(text, b.SelfFunder
            ? $"Weekly charge: £{b.WeeklyCharge:N2} (capital above the upper limit: the full cost of care)"
            : $"Weekly charge: £{b.WeeklyCharge:N2} of a weekly cost of £{b.CostOfCare:N2}{(b.LocalAuthorityPays is { } la ? $"; the council pays £{la:N2}" : "")}");
        return text.ToString();
    }

    private static string Rate(RateUsed? rate) => rate is null
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"  [{rate.Name} {rate.Year} = {rate.Amount:0.00} {rate.Tag}]");

    private static void Line(StringBuilder text, FormattableString line) =>
        text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
