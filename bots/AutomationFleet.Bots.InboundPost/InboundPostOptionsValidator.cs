using AutomationFleet.Bots.InboundPost.Taxonomy;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost;

/// <summary>
/// Checks the files the bot needs exist and the taxonomy is usable (the rules that need the disk or several settings);
/// reports every failure, naming the setting. Required paths and ranges are <see cref="InboundPostOptions"/>' attributes.
/// </summary>
public sealed class InboundPostOptionsValidator : IValidateOptions<InboundPostOptions>
{
    public ValidateOptionsResult Validate(string? name, InboundPostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = InboundPostOptions.SectionName;
        var failures = new List<string>();
        // Single-setting rules (required paths, ranges) are the attributes on InboundPostOptions, run by
        // ValidateDataAnnotations; this validator checks only what needs the disk or several settings together.
        if (!string.IsNullOrWhiteSpace(options.ModelPath) && !File.Exists(options.ModelPath))
        {
            if (!options.TrainIfMissing)
            {
                failures.Add($"{prefix}:ModelPath '{options.ModelPath}' does not exist and {prefix}:TrainIfMissing is false; run 'fleet classifier train'.");
            }
            else if (string.IsNullOrWhiteSpace(options.TrainingData) || !File.Exists(options.TrainingData))
            {
                failures.Add($"{prefix}:TrainingData '{options.TrainingData}' does not exist, and there is no model at {prefix}:ModelPath '{options.ModelPath}' to use instead.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.HeldOutData) && !File.Exists(options.HeldOutData))
        {
            failures.Add($"{prefix}:HeldOutData '{options.HeldOutData}' does not exist; retraining needs it to compare models.");
        }

        if (!string.IsNullOrWhiteSpace(options.TaxonomyPath))
        {
            if (!File.Exists(options.TaxonomyPath))
            {
                failures.Add($"{prefix}:TaxonomyPath '{options.TaxonomyPath}' does not exist.");
            }
            else
            {
                failures.AddRange(CouncilTaxonomy.Check(options.TaxonomyPath).Select(f => $"{prefix}:TaxonomyPath '{options.TaxonomyPath}': {f}"));
            }
        }

        for (var i = 0; i < options.SafeguardingKeywords.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.SafeguardingKeywords[i]))
            {
                failures.Add($"{prefix}:SafeguardingKeywords:{i} is empty.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
