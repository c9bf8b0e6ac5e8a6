using Microsoft.Extensions.Options;

namespace AutomationFleet.Storage;

/// <summary>Checks <c>Store:Provider</c>, reporting every bad setting by its configuration path.</summary>
public sealed class FleetStoreOptionsValidator : IValidateOptions<FleetStoreOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FleetStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Setting = FleetStoreOptions.SectionName + ":Provider";
        // Blank (e.g. an empty environment variable) is the default, like leaving the setting out: IsSqlite says so.
        if (!options.IsSqlite && !options.IsPostgres)
        {
            failures.Add($"{Setting} is '{options.Provider}'; use {FleetStoreOptions.Sqlite} (the default) or {FleetStoreOptions.Postgres}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
