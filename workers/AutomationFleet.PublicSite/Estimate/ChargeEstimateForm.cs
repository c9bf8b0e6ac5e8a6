namespace AutomationFleet.PublicSite.Estimate;

/// <summary>
/// What a person types into the charge estimate: their date of birth, where they get care, what it costs, their income,
/// savings and costs. Plain strings, as typed, so a mistake is shown back with the field it is in.
/// </summary>
public sealed class ChargeEstimateForm
{
    public const int IncomeRows = 6;
    public const int CostRows = 3;

    public string? BirthDay { get; set; }

    public string? BirthMonth { get; set; }

    public string? BirthYear { get; set; }

    /// <summary><c>home</c> or <c>care-home</c>.</summary>
    public string? Setting { get; set; }

    public string? CostOfCareWeekly { get; set; }

    public bool DisabilityPremium { get; set; }

    public bool EnhancedDisabilityPremium { get; set; }

    public bool NightCare { get; set; }

    public List<MoneyRow> Income { get; set; } = [];

    public string? Savings { get; set; }

    public List<MoneyRow> HousingCosts { get; set; } = [];

    public List<MoneyRow> DisabilityCosts { get; set; } = [];

    /// <summary>The rows the page shows: the ones given, topped up with empty ones.</summary>
    public void Pad()
    {
        Fill(Income, IncomeRows);
        Fill(HousingCosts, CostRows);
        Fill(DisabilityCosts, CostRows);
    }

    private static void Fill(List<MoneyRow> rows, int count)
    {
        while (rows.Count < count)
        {
            rows.Add(new MoneyRow());
        }
    }
}

/// <summary>One income or cost: its kind (an income type, or blank for a cost), a benefit's rate if it has one, the amount and how often.</summary>
public sealed class MoneyRow
{
    public string? Type { get; set; }

    public string? Rate { get; set; }

    public string? Amount { get; set; }

    /// <summary><c>weekly</c>, <c>fourWeekly</c>, <c>monthly</c> or <c>annual</c>.</summary>
    public string? Period { get; set; } = "weekly";

    public bool IsEmpty => string.IsNullOrWhiteSpace(Type) && string.IsNullOrWhiteSpace(Amount);
}

/// <summary>Who applies for a full assessment: where the letter goes. Personal data: stored only in the item, never logged.</summary>
public sealed class ApplicantForm
{
    public string? FullName { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? Town { get; set; }

    public string? Postcode { get; set; }
}
