using Microsoft.Extensions.Options;

namespace AutomationFleet.Text;

/// <summary>Checks the text-embedding settings, reporting every bad one by its configuration path.</summary>
public sealed class TextEmbeddingOptionsValidator : IValidateOptions<TextEmbeddingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TextEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Prefix = TextEmbeddingOptions.SectionName;
        if (!Enum.IsDefined(options.Model))
        {
            failures.Add($"{Prefix}:Model is {options.Model}; use {string.Join(" or ", Enum.GetNames<TextEmbeddingModel>())}.");
        }

        if (options.BatchSize is < 1 or > 1024)
        {
            failures.Add($"{Prefix}:BatchSize must be between 1 and 1024 (it is {options.BatchSize}).");
        }

        if (options.Threads is < 0 or > 256)
        {
            failures.Add($"{Prefix}:Threads must be between 0 and 256, 0 meaning one per processor (it is {options.Threads}).");
        }

        if (options.MaxWords is < 8 or > 400)
        {
            failures.Add($"{Prefix}:MaxWords must be between 8 and 400 (it is {options.MaxWords}).");
        }

        if (options.MaxCachedVectors is < 1 or > 10_000_000)
        {
            failures.Add($"{Prefix}:MaxCachedVectors must be between 1 and 10000000 (it is {options.MaxCachedVectors}).");
        }

        if (options.CacheDirectory is { } directory && directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Prefix}:CacheDirectory '{directory}' holds characters a path cannot.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
