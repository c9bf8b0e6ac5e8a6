using AutomationFleet.Bots.IncidentReports.Allocation;
using AutomationFleet.Bots.IncidentReports.Places;
using CsvHelper;
using CsvHelper.Configuration;
using System.Globalization;

namespace AutomationFleet.Bots.IncidentReports;

/// <summary>
/// The reference data the bot decides with, loaded once at start from the paths in <see cref="IncidentReportsOptions"/>:
/// kinds, teams, rules and rota; the gazetteer; which team each case record is allocated to. A bad file stops start-up
/// with every problem named.
/// </summary>
public sealed class IncidentReferenceData
{
    private readonly IReadOnlyDictionary<string, string> _personTeams;

    public IncidentReferenceData(AllocationConfig allocation, Gazetteer gazetteer, IReadOnlyDictionary<string, string> personTeams)
    {
        Allocation = allocation;
        Gazetteer = gazetteer;
        Places = new PlaceMatcher(gazetteer);
        Allocator = new Allocator(allocation);
        Kinds = new KindSuggester(allocation);
        Deadlines = new DeadlineCalculator(allocation.OutOfHours);
        _personTeams = personTeams;
    }

    /// <summary>Kinds, severities, teams, rules and rota.</summary>
    public AllocationConfig Allocation { get; }

    /// <summary>The streets and areas.</summary>
    public Gazetteer Gazetteer { get; }

    /// <summary>Finds places in the gazetteer.</summary>
    public PlaceMatcher Places { get; }

    /// <summary>Allocates by the rules, rota and capacity.</summary>
    public Allocator Allocator { get; }

    /// <summary>Suggests a kind from a report's words when it names none.</summary>
    public KindSuggester Kinds { get; }

    /// <summary>Deadlines on the right calendar, for a reviewer's changed severity.</summary>
    public DeadlineCalculator Deadlines { get; }

    /// <summary>The team a case record is allocated to, if the case system's export says.</summary>
    public string? TeamOfPerson(string recordId) => _personTeams.GetValueOrDefault(recordId);

    /// <summary>Loads everything the options name.</summary>
    public static IncidentReferenceData Load(IncidentReportsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new IncidentReferenceData(
            AllocationConfig.Load(options.AllocationPath),
            Gazetteer.Load(options.GazetteerPath),
            options.PersonTeamsPath is { } path ? LoadPersonTeams(path) : new Dictionary<string, string>());
    }

    /// <summary>Reads <c>id,team</c> rows; a missing file is an error naming the setting.</summary>
    public static IReadOnlyDictionary<string, string> LoadPersonTeams(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The person-team export {path} ({IncidentReportsOptions.SectionName}:PersonTeamsPath) does not exist.", path);
        }

        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant() });
        var teams = new Dictionary<string, string>(StringComparer.Ordinal);
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var id = csv.GetField("id")?.Trim();
            var team = csv.GetField("team")?.Trim();
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(team))
            {
                throw new InvalidDataException($"{path}, line {csv.Parser.RawRow}: both id and team are needed.");
            }

            teams[id] = team;
        }

        return teams;
    }
}
