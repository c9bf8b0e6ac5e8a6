using AutomationFleet.Bots.InboundPost.Taxonomy;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost;

/// <summary>Checks the files the bot needs exist and the taxonomy is usable; reports every failure, naming the setting.</summary>
public sealed class InboundPostOptionsValidator : IValidateOptions<InboundPostOptions>
{
    public ValidateOptionsResult Validate(string? name, InboundPostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = InboundPostOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            failures.Add($"{prefix}:ModelPath is empty; give the model file's path.");
        }
        else if (!File.Exists(options.ModelPath))
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

        if (string.IsNullOrWhiteSpace(options.TaxonomyPath) || !File.Exists(options.TaxonomyPath))
        {
            failures.Add($"{prefix}:TaxonomyPath '{options.TaxonomyPath}' does not exist.");
        }
        else
        {
            failures.AddRange(CouncilTaxonomy.Check(options.TaxonomyPath).Select(f => $"{prefix}:TaxonomyPath '{options.TaxonomyPath}': {f}"));
        }

        if (string.IsNullOrWhiteSpace(options.DropFolder))
        {
            failures.Add($"{prefix}:DropFolder is empty; give the folder deliveries are written to.");
        }

        if (double.IsNaN(options.TargetPrecision) || options.TargetPrecision is < 0.5 or > 1)
        {
            failures.Add($"{prefix}:TargetPrecision is {options.TargetPrecision}; it must be between 0.5 and 1.");
        }

        if (double.IsNaN(options.MinOcrConfidence) || options.MinOcrConfidence is < 0 or > 1)
        {
            failures.Add($"{prefix}:MinOcrConfidence is {options.MinOcrConfidence}; it must be between 0 and 1.");
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
