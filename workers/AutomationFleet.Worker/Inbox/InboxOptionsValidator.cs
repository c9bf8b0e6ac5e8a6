using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Inbox;

/// <summary>Reports every bad <c>Inbox</c> setting by its configuration path.</summary>
public sealed class InboxOptionsValidator : IValidateOptions<InboxOptions>
{
    public ValidateOptionsResult Validate(string? name, InboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = InboxOptions.SectionOf(name);
        if (options.PollInterval < TimeSpan.FromMilliseconds(10))
        {
            failures.Add($"{section}:PollInterval is {options.PollInterval}; it must be at least 10 ms.");
        }

        if (options.MaxFileBytes <= 0)
        {
            failures.Add($"{section}:MaxFileBytes is {options.MaxFileBytes}; it must be positive.");
        }

        foreach (var (key, value) in new[]
                 {
                     (nameof(InboxOptions.Path), options.Path),
                     (nameof(InboxOptions.QuarantinePath), options.QuarantinePath),
                     (nameof(InboxOptions.ProcessedPath), options.ProcessedPath),
                     (nameof(InboxOptions.Queue), options.Queue),
                 })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{section}:{key} is empty.");
            }
        }

        var full = new[] { options.Path, options.QuarantinePath, options.ProcessedPath }
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => System.IO.Path.GetFullPath(p).TrimEnd(System.IO.Path.DirectorySeparatorChar))
            .ToList();
        if (full.Count != full.Distinct(StringComparer.Ordinal).Count())
        {
            failures.Add($"{section}:Path, {section}:QuarantinePath and {section}:ProcessedPath must be three different folders.");
        }

        for (var i = 0; i < options.AllowedExtensions.Count; i++)
        {
            var extension = options.AllowedExtensions[i];
            if (string.IsNullOrWhiteSpace(extension) || extension[0] != '.' || extension.Length < 2)
            {
                failures.Add($"{section}:AllowedExtensions:{i} is '{extension}'; write an extension with its dot, e.g. .pdf.");
            }
            else if (!FileContentCheck.Knows(extension))
            {
                failures.Add($"{section}:AllowedExtensions:{i} '{extension}' has no content check; accepted are {string.Join(" ", InboxOptions.DefaultExtensions)}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
