namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>
/// The reference data allocation decides with: kinds, severities, teams, ordered rules and the out-of-hours policy.
/// Load it with <see cref="Load"/>, which reports every problem in the file at once by its JSON path.
/// </summary>
public sealed class AllocationConfig
{
    private readonly Dictionary<string, IncidentKind> _kinds;
    private readonly Dictionary<string, IncidentSeverity> _severities;
    private readonly Dictionary<string, Team> _teams;

    public AllocationConfig(
        IReadOnlyList<IncidentKind> kinds,
        IReadOnlyList<IncidentSeverity> severities,
        IReadOnlyList<Team> teams,
        IReadOnlyList<AllocationRule> rules,
        OutOfHoursPolicy outOfHours)
    {
        Kinds = kinds;
        Severities = severities;
        Teams = teams;
        Rules = rules;
        OutOfHours = outOfHours;
        _kinds = kinds.ToDictionary(k => k.Id, StringComparer.OrdinalIgnoreCase);
        _severities = severities.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
        _teams = teams.ToDictionary(t => t.Id, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<IncidentKind> Kinds { get; }

    public IReadOnlyList<IncidentSeverity> Severities { get; }

    public IReadOnlyList<Team> Teams { get; }

    public IReadOnlyList<AllocationRule> Rules { get; }

    public OutOfHoursPolicy OutOfHours { get; }

    public IncidentKind? FindKind(string? id) => id is not null && _kinds.TryGetValue(id, out var kind) ? kind : null;

    public IncidentSeverity? FindSeverity(string? id) => id is not null && _severities.TryGetValue(id, out var severity) ? severity : null;

    public Team? FindTeam(string? id) => id is not null && _teams.TryGetValue(id, out var team) ? team : null;

    /// <summary>Reads and checks an allocation file.</summary>
    /// <exception cref="AllocationConfigException">The file cannot be read, is not JSON, or has problems (all listed).</exception>
    public static AllocationConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new AllocationConfigException(path, [$"cannot be read: {e.Message}"]);
        }

        return Parse(json, path);
    }

    /// <summary>Reads and checks allocation JSON; <paramref name="source"/> names it in problems.</summary>
    public static AllocationConfig Parse(string json, string source) => new AllocationConfigReader(source).Read(json);
}
