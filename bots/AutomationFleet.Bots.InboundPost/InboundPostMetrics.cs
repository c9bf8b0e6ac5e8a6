using System.Diagnostics.Metrics;
using AutomationFleet.Core.Metrics;

namespace AutomationFleet.Bots.InboundPost;

/// <summary>
/// Where an item's decide time goes in the inbound-post bot: the <see cref="StageDurations"/> histogram
/// <see cref="StageDurationName"/> on the meter <see cref="MeterName"/>. The OCR inside "read document" is split
/// further by the Documents library's own histogram (<c>OcrMetrics</c>).
/// </summary>
public static class InboundPostMetrics
{
    public const string MeterName = "AutomationFleet.Bots.InboundPost";

    public const string StageDurationName = "inbound_post.stage.duration";

    /// <summary>One attachment through the document reader (PDF text, or OCR of each page), once per attachment.</summary>
    public const string StageReadDocument = "read document";

    /// <summary>Putting one OCR'd page's image into the blob store.</summary>
    public const string StagePageImageStore = "page image store";

    public const string StageClassify = "classify";

    public const string StageExtract = "extract fields";

    /// <summary>The outcome and the review evidence as JSON.</summary>
    public const string StageEvidence = "outcome and evidence JSON";

    internal static readonly StageDurations Stages = new(new Meter(MeterName), StageDurationName, "Time per stage per item in the inbound-post bot.");
}
