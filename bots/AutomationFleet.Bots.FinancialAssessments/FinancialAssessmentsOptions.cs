using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Bots.FinancialAssessments;

/// <summary>The financial-assessment bot's settings, bound from the <c>FinancialAssessments</c> section.</summary>
public sealed class FinancialAssessmentsOptions
{
    public const string SectionName = "FinancialAssessments";

    /// <summary>The queue the bot consumes; inbound post hands <c>financial-assessment-form</c> letters here. Default <c>financial-assessments</c>.</summary>
    [Required]
    public string Queue { get; set; } = "financial-assessments";

    /// <summary>The folder of charging rates, one <c>{year}.json</c> per financial year. Default <c>config/charging</c>.</summary>
    [Required]
    public string RatesDirectory { get; set; } = "config/charging";

    /// <summary>The council's charging choices.</summary>
    public LocalChargingPolicy LocalPolicy { get; set; } = new();
}
