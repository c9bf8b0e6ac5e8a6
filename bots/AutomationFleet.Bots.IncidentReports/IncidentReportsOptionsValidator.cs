using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.IncidentReports;

/// <summary>
/// Checks the bot's settings and the files they name, reporting every problem at once by its setting: the allocation
/// config's own problems (each by its JSON path), a gazetteer row that cannot be read, a missing person-team export.
/// </summary>
public sealed class IncidentReportsOptionsValidator : IValidateOptions<IncidentReportsOptions>
{
    public ValidateOptionsResult Validate(string? name, IncidentReportsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = IncidentReportsOptions.SectionName;
        if (options.FutureTolerance < TimeSpan.Zero)
        {
            failures.Add($"{section}:FutureTolerance must not be negative.");
        }

        if (string.Equals(options.Queue, options.EscalationQueue, StringComparison.Ordinal))
        {
            failures.Add($"{section}:EscalationQueue must differ from {section}:Queue ('{options.Queue}').");
        }

        if (options.DuplicateWordOverlapUnrelated > options.DuplicateWordOverlapClear)
        {
            failures.Add($"{section}:DuplicateWordOverlapUnrelated ({options.DuplicateWordOverlapUnrelated}) must not be above {section}:DuplicateWordOverlapClear ({options.DuplicateWordOverlapClear}).");
        }

        Check(failures, $"{section}:AllocationPath", options.AllocationPath, p => Allocation.AllocationConfig.Load(p));
        Check(failures, $"{section}:GazetteerPath", options.GazetteerPath, p => Places.Gazetteer.Load(p));
        if (options.PersonTeamsPath is { } teams)
        {
            Check(failures, $"{section}:PersonTeamsPath", teams, p => IncidentReferenceData.LoadPersonTeams(p));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string setting, string path, Action<string> load)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{setting} is required.");
            return;
        }

        if (!File.Exists(path))
        {
            failures.Add($"{setting}: '{path}' does not exist.");
            return;
        }

        try
        {
            load(path);
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or IOException or System.Text.Json.JsonException)
        {
            failures.Add($"{setting} ('{path}'): {exception.Message}");
        }
    }
}
