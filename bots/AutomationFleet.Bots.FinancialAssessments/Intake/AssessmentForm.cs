namespace AutomationFleet.Bots.FinancialAssessments.Intake;

/// <summary>
/// An assessment form as an item carries it: the document's JSON text (for a paper form, a draft holding what was
/// read), how it came and whether its figures were read by OCR (then never trusted: a person checks them).
/// </summary>
public sealed record AssessmentForm(string Channel, bool ReadByOcr, string Document);

/// <summary>How a form came.</summary>
public static class AssessmentChannels
{
    /// <summary>The council's online form, posted to the intake endpoint.</summary>
    public const string Web = "web";

    /// <summary>A JSON file dropped in the watched folder.</summary>
    public const string Folder = "folder";

    /// <summary>A paper form, read by inbound post and handed over.</summary>
    public const string Post = "post";
}
