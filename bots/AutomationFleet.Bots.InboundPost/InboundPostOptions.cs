using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Bots.InboundPost;

/// <summary>Settings of the inbound-post bot (section "InboundPost"). Relative paths are from the working directory.</summary>
public sealed class InboundPostOptions
{
    public const string SectionName = "InboundPost";

    /// <summary>Runs the bot (and its retraining bot) when the section exists; false switches both off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The classifier model file; trained from <see cref="TrainingData"/> at start when it does not exist.</summary>
    [Required]
    public string ModelPath { get; set; } = "var/models/council-post.model";

    /// <summary>Labelled examples (CSV <c>id,text,label</c> or JSONL) the model is trained from; needed only when there is no model to use.</summary>
    public string TrainingData { get; set; } = "config/training/council-post.csv";

    /// <summary>Labelled examples never trained on; a retrained model is promoted only if it is not worse on them. Empty: none.</summary>
    public string HeldOutData { get; set; } = "config/training/council-post-heldout.csv";

    /// <summary>Categories, their services and routes.</summary>
    [Required]
    public string TaxonomyPath { get; set; } = "config/taxonomy.json";

    /// <summary>Precision the per-category thresholds are fitted to meet on held-out data.</summary>
    [Range(0.5, 1.0)]
    public double TargetPrecision { get; set; } = 0.99;

    /// <summary>Where folder routes (and e-mail routes while <c>Mail:Smtp:Enabled</c> is false) deliver.</summary>
    [Required]
    public string DropFolder { get; set; } = "var/outbox";

    /// <summary>Below this mean OCR word confidence a scan goes to a person, with the proposal and the reason.</summary>
    [Range(0.0, 1.0)]
    public double MinOcrConfidence { get; set; } = 0.6;

    /// <summary>Words or phrases that, anywhere in the text, send the item to a person marked urgent.</summary>
    public List<string> SafeguardingKeywords { get; init; } =
        ["at risk", "abuse", "abused", "abusing", "neglect", "neglected", "harm", "harmed", "self-harm", "exploited", "exploitation"];

    /// <summary>
    /// Acknowledge the sender of post that came by e-mail (IMAP) with the item's reference, once it is decided, through
    /// the mail connector's <c>AcknowledgementStep</c>. Only when <c>Mail:Smtp:Enabled</c> is true. Default false.
    /// </summary>
    public bool AcknowledgeSenders { get; set; }

    /// <summary>Train the model at start when <see cref="ModelPath"/> does not exist.</summary>
    public bool TrainIfMissing { get; set; } = true;

    /// <summary>Words below this OCR confidence are listed in the evidence for the reviewer.</summary>
    [Range(0.0, 1.0)]
    public double LowWordConfidence { get; set; } = 0.6;
}
