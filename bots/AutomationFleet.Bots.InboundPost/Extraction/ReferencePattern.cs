using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>A council reference format to look for, e.g. a case reference "ASC-2024-001234".</summary>
public sealed class ReferencePattern
{
    /// <summary>The kind reported on a match, e.g. "CaseReference", "BlueBadgeNumber".</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>
    /// A .NET regular expression, matched case-insensitively. If it has a group named <c>value</c>, that group is
    /// the value (so a pattern may include a cue such as "account\s*(no|number)"); otherwise the whole match is.
    /// </summary>
    [Required]
    public string Pattern { get; set; } = "";

    /// <summary>How sure a match of this pattern is, before OCR confidence. Default 0.9.</summary>
    [Range(0.0, 1.0)]
    public double Confidence { get; set; } = 0.9;
}
