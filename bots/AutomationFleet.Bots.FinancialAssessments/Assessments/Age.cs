namespace AutomationFleet.Bots.FinancialAssessments.Assessments;

/// <summary>Ages on a date, and whether pension-credit age is reached (it decides the MIG band).</summary>
public static class Age
{
    public static int InYears(DateOnly born, DateOnly on)
    {
        var age = on.Year - born.Year;
        return on < born.AddYears(age) ? age - 1 : age;
    }

    /// <summary>
    /// Pension-credit qualifying age is State Pension age (Pensions Acts 2007, 2011, 2014) [U: from general knowledge]:
    /// 66 for those born 6 Oct 1954 to 5 Apr 1960; rising a month for each month of birth from 6 Apr 1960 to 5 Mar 1961;
    /// 67 for those born on or after 6 Mar 1961. Those born before 6 Oct 1954 reached it (65 or earlier) before 2020,
    /// so they are over it on every date the rates files cover. The legislated rise to 68 (from 2044) is not modelled.
    /// </summary>
    public static bool ReachedPensionCreditAge(DateOnly born, DateOnly on) => on >= PensionCreditAgeDate(born);

    public static DateOnly PensionCreditAgeDate(DateOnly born)
    {
        if (born < new DateOnly(1954, 10, 6))
        {
            return born.AddYears(65);
        }

        if (born < new DateOnly(1960, 4, 6))
        {
            return born.AddYears(66);
        }

        if (born >= new DateOnly(1961, 3, 6))
        {
            return born.AddYears(67);
        }

        // Born 6 Apr 1960 – 5 Mar 1961: 66 years and 1 to 11 months, by the month (starting on the 6th) of birth.
        var months = ((born.Year - 1960) * 12) + born.Month - 4 + (born.Day >= 6 ? 1 : 0);
        return born.AddYears(66).AddMonths(months);
    }
}
