using System.Globalization;
using AutomationFleet.Bots.FinancialAssessments.Letters;
using AutomationFleet.Bots.FinancialAssessments.Rates;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.FinancialAssessments;

/// <summary>
/// Reports every bad setting at once, as <c>FinancialAssessments:LocalPolicy:{setting}</c>, and every problem in the
/// rates folder, so a council's charging policy is fixed in one round rather than one failed start per mistake.
/// </summary>
public sealed class FinancialAssessmentsOptionsValidator : IValidateOptions<FinancialAssessmentsOptions>
{
    private const decimal MostWeekly = 1_000m;

    public ValidateOptionsResult Validate(string? name, FinancialAssessmentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var prefix = $"{FinancialAssessmentsOptions.SectionName}:{nameof(FinancialAssessmentsOptions.LocalPolicy)}";
        var policy = options.LocalPolicy;
        if (policy is null)
        {
            failures.Add($"{prefix} is missing.");
        }
        else
        {
            Money(failures, $"{prefix}:{nameof(policy.MigUplift)}", policy.MigUplift, MostWeekly);
            Money(failures, $"{prefix}:{nameof(policy.FlatDreAllowance)}", policy.FlatDreAllowance, MostWeekly);
            Money(failures, $"{prefix}:{nameof(policy.MinimumCharge)}", policy.MinimumCharge, MostWeekly);
            Money(failures, $"{prefix}:{nameof(policy.HomeCareLowerCapitalLimit)}", policy.HomeCareLowerCapitalLimit, 10_000_000m);
            Money(failures, $"{prefix}:{nameof(policy.HomeCareUpperCapitalLimit)}", policy.HomeCareUpperCapitalLimit, 10_000_000m);
            if (policy.PercentageOfDisposableIncome is <= 0 or > 100)
            {
                failures.Add(Invariant($"{prefix}:{nameof(policy.PercentageOfDisposableIncome)} must be more than 0 and at most 100 (it is {policy.PercentageOfDisposableIncome})."));
            }

            if (policy is { HomeCareLowerCapitalLimit: { } lower, HomeCareUpperCapitalLimit: { } upper } && lower >= upper)
            {
                failures.Add(Invariant($"{prefix}:{nameof(policy.HomeCareLowerCapitalLimit)} ({lower}) must be below {prefix}:{nameof(policy.HomeCareUpperCapitalLimit)} ({upper})."));
            }
        }

        Money(failures, $"{FinancialAssessmentsOptions.SectionName}:{nameof(options.ChargeChangeThreshold)}", options.ChargeChangeThreshold, MostWeekly);
        if (string.IsNullOrWhiteSpace(options.RatesDirectory))
        {
            failures.Add($"{FinancialAssessmentsOptions.SectionName}:{nameof(options.RatesDirectory)} is missing.");
        }
        else
        {
            failures.AddRange(ChargingRates.Check(options.RatesDirectory).Select(p => $"{FinancialAssessmentsOptions.SectionName}:{nameof(options.RatesDirectory)}: {p}"));
        }

        if (options.Letter is null)
        {
            failures.Add($"{FinancialAssessmentsOptions.SectionName}:{nameof(options.Letter)} is missing.");
        }
        else
        {
            failures.AddRange(LetterFonts.Problems(options.Letter));
            var empty = new (string Name, string? Value)[]
            {
                (nameof(LetterOptions.CouncilName), options.Letter.CouncilName), (nameof(LetterOptions.TeamName), options.Letter.TeamName),
                (nameof(LetterOptions.Phone), options.Letter.Phone), (nameof(LetterOptions.Email), options.Letter.Email),
                (nameof(LetterOptions.InvoiceFrequency), options.Letter.InvoiceFrequency),
            };
            failures.AddRange(empty.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{FinancialAssessmentsOptions.SectionName}:Letter:{e.Name} is missing: the letter needs it."));
            if (options.Letter.ReturnAddressLines.Count == 0 || options.Letter.PaymentMethodLines.Count == 0 || options.Letter.ReturnAddressLines.Concat(options.Letter.PaymentMethodLines).Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{FinancialAssessmentsOptions.SectionName}:Letter:ReturnAddress and PaymentMethods need at least one non-empty line each.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Money(List<string> failures, string setting, decimal? value, decimal most)
    {
        if (value is not { } amount)
        {
            return;
        }

        if (amount < 0 || amount > most)
        {
            failures.Add(Invariant($"{setting} must be from 0 to {most} (it is {amount})."));
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            failures.Add(Invariant($"{setting} must be in pounds and pence (it is {amount})."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
