namespace AutomationFleet.Bots.FinancialAssessments;

/// <summary>
/// The council's own charging choices (spec §3.3, §6), bound from <c>FinancialAssessments:LocalPolicy</c>. The defaults
/// are the statutory minimum protections with no local generosity: a council sets what its charging policy says.
/// </summary>
public sealed class LocalChargingPolicy
{
    /// <summary>Added to every MIG, weekly (Gloucestershire adds £5). Default 0.</summary>
    public decimal MigUplift { get; set; }

    /// <summary>
    /// A standard weekly disability-related expenditure allowance (Reading: £10.85 in 2024/25). When set, the person is
    /// allowed the higher of it and their itemised DRE. Default none: itemised DRE only.
    /// </summary>
    public decimal? FlatDreAllowance { get; set; }

    /// <summary>
    /// Care at home with no night care: disregard the difference between the higher and lower rates of Attendance
    /// Allowance, DLA care and PIP daily living (Knowsley does; Devon and Kingston do not). Default false.
    /// </summary>
    public bool DisregardNightTimeDifference { get; set; }

    /// <summary>A weekly charge below this is waived (Reading waives under £1.25). Care at home only. Default 0.</summary>
    public decimal MinimumCharge { get; set; }

    /// <summary>The share of disposable income charged, in percent (Wirral charges 100). Care at home only. Default 100.</summary>
    public decimal PercentageOfDisposableIncome { get; set; } = 100m;

    /// <summary>A higher lower capital limit for care at home; never below the year's statutory limit. Default none.</summary>
    public decimal? HomeCareLowerCapitalLimit { get; set; }

    /// <summary>A higher upper capital limit for care at home; never below the year's statutory limit. Default none.</summary>
    public decimal? HomeCareUpperCapitalLimit { get; set; }
}
