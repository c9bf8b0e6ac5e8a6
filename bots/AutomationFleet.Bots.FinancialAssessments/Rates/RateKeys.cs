namespace AutomationFleet.Bots.FinancialAssessments.Rates;

/// <summary>The figures every year's file must hold (its amount may be null when not found), by their path in the file.</summary>
public static class RateKeys
{
    public const string LowerCapitalLimit = "capital.lowerLimit";
    public const string UpperCapitalLimit = "capital.upperLimit";
    public const string TariffStep = "capital.tariffStep";
    public const string PersonalExpensesAllowance = "personalExpensesAllowance";
    public const string SavingsCreditDisregardSingle = "savingsCreditDisregard.single";
    public const string SavingsCreditDisregardCouple = "savingsCreditDisregard.couple";
    public const string MigPrefix = "minimumIncomeGuarantee.";
    public const string MigSingle18To24 = MigPrefix + "single18To24";
    public const string MigSingle25ToPensionCreditAge = MigPrefix + "single25ToPensionCreditAge";
    public const string MigSinglePensionCreditAge = MigPrefix + "singlePensionCreditAge";
    public const string MigLoneParent = MigPrefix + "loneParent";
    public const string MigCoupleEach18Plus = MigPrefix + "coupleEach18Plus";
    public const string MigCoupleEachPensionCreditAge = MigPrefix + "coupleEachPensionCreditAge";
    public const string MigDisabilityPremiumSingle = MigPrefix + "disabilityPremiumSingle";
    public const string MigEnhancedDisabilityPremiumSingle = MigPrefix + "enhancedDisabilityPremiumSingle";
    public const string MigDisabilityPremiumCoupleEach = MigPrefix + "disabilityPremiumCoupleEach";
    public const string MigEnhancedDisabilityPremiumCoupleEach = MigPrefix + "enhancedDisabilityPremiumCoupleEach";
    public const string MigCarerPremium = MigPrefix + "carerPremium";
    public const string MigChild = MigPrefix + "child";
    public const string AttendanceAllowance = "disabilityBenefits.attendanceAllowance";
    public const string DlaCare = "disabilityBenefits.dlaCare";
    public const string PipDailyLiving = "disabilityBenefits.pipDailyLiving";

    public static readonly IReadOnlyList<string> All =
    [
        LowerCapitalLimit, UpperCapitalLimit, TariffStep, PersonalExpensesAllowance,
        SavingsCreditDisregardSingle, SavingsCreditDisregardCouple,
        MigSingle18To24, MigSingle25ToPensionCreditAge, MigSinglePensionCreditAge, MigLoneParent,
        MigCoupleEach18Plus, MigCoupleEachPensionCreditAge,
        MigDisabilityPremiumSingle, MigEnhancedDisabilityPremiumSingle,
        MigDisabilityPremiumCoupleEach, MigEnhancedDisabilityPremiumCoupleEach, MigCarerPremium, MigChild,
        AttendanceAllowance + ".higher", AttendanceAllowance + ".lower",
        DlaCare + ".highest", DlaCare + ".middle", DlaCare + ".lowest",
        PipDailyLiving + ".enhanced", PipDailyLiving + ".standard",
    ];
}
