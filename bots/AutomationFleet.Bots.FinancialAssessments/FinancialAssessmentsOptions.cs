using System.ComponentModel.DataAnnotations;
using AutomationFleet.Bots.FinancialAssessments.Letters;

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

    /// <summary>
    /// The council service the assessments are for, put on review tasks so reviewers granted that service see them.
    /// Default <c>Adult Social Care financial assessments</c>, the service the taxonomy routes the forms to.
    /// </summary>
    [Required]
    public string Service { get; set; } = "Adult Social Care financial assessments";

    /// <summary>Where letters for post are written, one <c>{reference}.pdf</c> each, for the print room. Default <c>var/print</c>.</summary>
    [Required]
    public string PrintFolder { get; set; } = "var/print";

    /// <summary>
    /// Assessable capital this close to a capital limit (either side, in pounds) sends the case to a person: a small
    /// error in a balance moves the charge a lot there. Default 500.
    /// </summary>
    [Range(typeof(decimal), "0", "100000")]
    public decimal CapitalMargin { get; set; } = 500m;

    /// <summary>
    /// A weekly charge that differs from the previous assessment's (given in the document) by more than this, in pounds
    /// either way, sends the case to a person with both figures shown. Default 25.
    /// </summary>
    [Range(typeof(decimal), "0", "1000")]
    public decimal ChargeChangeThreshold { get; set; } = 25m;

    /// <summary>Capital given away or spent in this many years before the assessment is a sign of deprivation for a person to weigh. Default 7.</summary>
    [Range(0, 50)]
    public int DeprivationLookbackYears { get; set; } = 7;

    /// <summary>What the letter says about the council, and its fonts.</summary>
    public LetterOptions Letter { get; set; } = new();

    /// <summary>
    /// A relative rates folder is taken from the working directory, else from beside the executable, where the worker
    /// ships config/; a rooted one as it is.
    /// </summary>
    public static string ResolveRatesDirectory(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path) || Directory.Exists(path))
        {
            return string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path);
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, path);
        return Directory.Exists(shipped) ? shipped : Path.GetFullPath(path);
    }
}
