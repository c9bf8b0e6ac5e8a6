namespace AutomationFleet.Bots.FinancialAssessments.Assessments;

/// <summary>
/// One financial assessment as read from its JSON document (<see cref="AssessmentReader"/>): the same document for
/// <c>fleet assess</c> and the bot. Amounts are as given; the calculator converts them to weekly.
/// <see cref="SelfDeclared"/> marks an application made on the public site: every figure typed by the person, with no
/// evidence, so it always goes to a person (<c>AssessmentReviewRules</c>).
/// </summary>
public sealed record Assessment(
    string Reference,
    DateOnly EffectiveDate,
    CareSetting Setting,
    AssessedPerson Person,
    IReadOnlyList<IncomeItem> Income,
    IReadOnlyList<CapitalItem> Capital,
    IReadOnlyList<ExpenseItem> DisabilityRelatedExpenditure,
    IReadOnlyList<ExpenseItem> HousingCosts,
    decimal CostOfCareWeekly,
    DateOnly? CareHomeAdmission,
    Addressee? Addressee = null,
    IReadOnlyList<Disposal>? Disposals = null,
    LetterDelivery? Delivery = null,
    PreviousAssessment? Previous = null,
    bool SelfDeclared = false);

/// <summary>
/// The person's last charge as the council's system gives it with the document (the fleet keeps no assessment
/// history), so a large change since then can be sent to a person.
/// </summary>
public sealed record PreviousAssessment(decimal WeeklyCharge, DateOnly EffectiveDate);

/// <summary>
/// Who the outcome letter goes to: the person, or their appointee, deputy or attorney, and whether they asked for large
/// print. Personal data: never log it.
/// </summary>
public sealed record Addressee(string Name, IReadOnlyList<string> Address, bool LargePrint = false);

/// <summary>Capital given away or spent, as the form declares it: a sign of deprivation of assets (CSSG Annex E) for a person to weigh.</summary>
public sealed record Disposal(string Path, string Description, decimal Amount, DateOnly Date);

public enum CareSetting
{
    Home,
    CareHome,
}

/// <summary>The cared-for person. Only they are assessed; a partner's date of birth decides the couple MIG band.</summary>
public sealed record AssessedPerson(
    DateOnly DateOfBirth,
    bool Couple,
    DateOnly? PartnerDateOfBirth,
    IReadOnlySet<Premium> Premiums,
    bool NightCare,
    int DependentChildren);

public enum Premium
{
    Disability,
    EnhancedDisability,
    Carer,
}

public enum Frequency
{
    Weekly,
    FourWeekly,
    Monthly,
    Annual,
}

/// <summary>One income; <see cref="Path"/> is where it sits in the document (<c>income[2]</c>), for errors and review.</summary>
/// <remarks><see cref="Evidenced"/> is false when the form says no proof (an award letter, a statement) came with it.</remarks>
public sealed record IncomeItem(string Path, IncomeType Type, string? Rate, decimal Amount, Frequency Frequency, bool Joint, bool HalfPaidToSpouse, bool Evidenced = true);

/// <summary>One capital holding; <see cref="Holders"/> splits a joint holding into equal shares.</summary>
public sealed record CapitalItem(string Path, CapitalType Type, decimal Amount, int Holders, bool OccupiedByPartnerOrRelative, bool Evidenced = true);

/// <summary>A weekly cost the person is allowed (disability-related expenditure or a housing cost).</summary>
public sealed record ExpenseItem(string Path, string Item, decimal Amount, Frequency Frequency);
