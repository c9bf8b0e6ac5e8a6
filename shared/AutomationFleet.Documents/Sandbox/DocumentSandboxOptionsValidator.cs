using System.Globalization;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>Checks <see cref="DocumentSandboxOptions"/> and reports every bad setting at once, by its path.</summary>
internal sealed class DocumentSandboxOptionsValidator : IValidateOptions<DocumentSandboxOptions>
{
    private const string Section = DocumentSandboxOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DocumentSandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var ci = CultureInfo.InvariantCulture;
        if (options.MemoryLimitBytes < 64L * 1024 * 1024)
        {
            failures.Add(string.Create(ci, $"{Section}:MemoryLimitBytes is {options.MemoryLimitBytes:N0}; it must be at least 64 MB (67,108,864)"));
        }

        var needed = (2 * options.MemoryLimitBytes) + DocumentSandboxOptions.RuntimeAddressSpaceBytes;
        if (options.AddressSpaceLimitBytes < needed)
        {
            failures.Add(string.Create(ci, $"{Section}:AddressSpaceLimitBytes is {options.AddressSpaceLimitBytes:N0}; it must be at least 2 x {Section}:MemoryLimitBytes + 2.75 GB for the runtime's own reservations ({needed:N0})"));
        }

        if (options.CpuTimeLimit < TimeSpan.FromSeconds(1) || options.CpuTimeLimit.TotalSeconds >= int.MaxValue)
        {
            failures.Add(string.Create(ci, $"{Section}:CpuTimeLimit is {options.CpuTimeLimit}; it must be at least 1 second"));
        }

        if (options.DocumentsPerChild is < 1 or > 100_000)
        {
            failures.Add(string.Create(ci, $"{Section}:DocumentsPerChild is {options.DocumentsPerChild:N0}; it must be between 1 and 100,000"));
        }

        if (options.MaxOutputBytes < 64 * 1024 || options.MaxOutputBytes > int.MaxValue)
        {
            failures.Add(string.Create(ci, $"{Section}:MaxOutputBytes is {options.MaxOutputBytes:N0}; it must be between 65,536 and {int.MaxValue:N0}"));
        }

        if (options.SandboxAssemblyPath is { Length: > 0 } assembly && !File.Exists(assembly))
        {
            failures.Add($"{Section}:SandboxAssemblyPath '{assembly}' does not exist");
        }

        if (options.DotnetHostPath is { Length: > 0 } host && !File.Exists(host))
        {
            failures.Add($"{Section}:DotnetHostPath '{host}' does not exist");
        }

        if (options.User is not null && string.IsNullOrWhiteSpace(options.User))
        {
            failures.Add($"{Section}:User is empty; leave it out for the default, or name a user");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
