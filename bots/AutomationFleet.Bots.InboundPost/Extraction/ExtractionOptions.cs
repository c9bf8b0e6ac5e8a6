using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>What the extractor looks for beyond its built-in kinds. Bound from "InboundPost:Extraction".</summary>
public sealed class ExtractionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "InboundPost:Extraction";

    /// <summary>Council reference formats (case references, Blue Badge numbers, council tax accounts). Default none.</summary>
    public List<ReferencePattern> ReferencePatterns { get; init; } = [];

    /// <summary>Whether "BFPO 1234" (British Forces Post Office) counts as a postcode. Default true.</summary>
    public bool RecogniseBfpo { get; set; } = true;

    /// <summary>
    /// How many characters after a cue such as "date of birth" or "DOB" a date may start and still be taken as
    /// a date of birth. Default 40.
    /// </summary>
    [Range(1, 500)]
    public int DateOfBirthCueWindow { get; set; } = 40;
}
