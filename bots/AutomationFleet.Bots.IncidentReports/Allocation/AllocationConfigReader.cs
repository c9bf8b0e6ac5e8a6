using System.Globalization;
using System.Text.Json;

namespace AutomationFleet.Bots.IncidentReports.Allocation;

// Walks the JSON by hand, rather than deserialising, so that every problem (a bad time, an unknown team, a typo in a
// setting's name) is collected with its path instead of the first one stopping the read.
internal sealed class AllocationConfigReader(string source)
{
    private static readonly string[] DurationFormats = [@"d\.hh\:mm\:ss", @"hh\:mm\:ss", @"d\.hh\:mm", @"hh\:mm"];
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss"];

    private readonly List<string> _problems = [];

    public AllocationConfig Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new AllocationConfigException(source, [$"$: is not JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message}"]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (!Object(root, "$", "kinds", "severities", "teams", "rules", "outOfHours"))
            {
                throw new AllocationConfigException(source, _problems);
            }

            var severities = Items(root, "$", "severities").Select(x => Severity(x.Element, x.Path)).OfType<IncidentSeverity>().ToList();
            Unique(severities.Select(s => s.Id), "severities", "severity");
            var severityIds = severities.Select(s => s.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);

            var kinds = Items(root, "$", "kinds").Select(x => Kind(x.Element, x.Path, severityIds)).OfType<IncidentKind>().ToList();
            Unique(kinds.Select(k => k.Id), "kinds", "kind");
            var kindIds = kinds.Select(k => k.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);

            var teams = Items(root, "$", "teams").Select(x => Team(x.Element, x.Path)).OfType<Team>().ToList();
            Unique(teams.Select(t => t.Id), "teams", "team");
            var teamIds = teams.Select(t => t.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);

            var rules = Items(root, "$", "rules").Select(x => Rule(x.Element, x.Path, kindIds, teamIds)).OfType<AllocationRule>().ToList();
            Unique(rules.Select(r => r.Name), "rules", "rule name");

            var outOfHours = Property(root, "$", "outOfHours", required: true) is { } o ? OutOfHours(o, "$.outOfHours", teams) : null;

            if (_problems.Count > 0 || outOfHours is null)
            {
                throw new AllocationConfigException(source, _problems);
            }

            return new AllocationConfig(kinds, severities, teams, rules, outOfHours);
        }
    }

    private IncidentSeverity? Severity(JsonElement e, string path)
    {
        if (!Object(e, path, "id", "name", "hours", "workingDays", "outOfHoursResponse", "escalateBefore"))
        {
            return null;
        }

        var id = String(e, path, "id");
        var name = String(e, path, "name");
        var hours = Int(e, path, "hours", required: false);
        var workingDays = Int(e, path, "workingDays", required: false);
        var outOfHoursResponse = Bool(e, path, "outOfHoursResponse");
        var escalateBefore = Duration(e, path, "escalateBefore", required: false) ?? TimeSpan.Zero;
        if ((hours is null) == (workingDays is null))
        {
            Problem(path, "needs exactly one of hours (clock hours) and workingDays (England and Wales working days)");
        }

        if (hours is <= 0)
        {
            Problem($"{path}.hours", $"must be positive (it is {hours})");
        }

        if (workingDays is <= 0)
        {
            Problem($"{path}.workingDays", $"must be positive (it is {workingDays})");
        }

        if (escalateBefore < TimeSpan.Zero || (hours is > 0 && escalateBefore >= TimeSpan.FromHours(hours.Value)))
        {
            Problem($"{path}.escalateBefore", $"must be at least zero and shorter than the deadline (it is {escalateBefore})");
        }

        return id is null || name is null ? null : new IncidentSeverity(id, name, hours, workingDays, outOfHoursResponse, escalateBefore);
    }

    private IncidentKind? Kind(JsonElement e, string path, HashSet<string> severities)
    {
        if (!Object(e, path, "id", "name", "group", "defaultSeverity", "window", "distanceMetres", "neverAutomatic", "keywords"))
        {
            return null;
        }

        var id = String(e, path, "id");
        var name = String(e, path, "name");
        var group = String(e, path, "group");
        var severity = String(e, path, "defaultSeverity");
        var window = Duration(e, path, "window");
        var distance = Number(e, path, "distanceMetres");
        var neverAutomatic = Bool(e, path, "neverAutomatic");
        var keywords = Strings(e, path, "keywords", required: false) ?? [];
        if (severity is not null && !severities.Contains(severity))
        {
            Problem($"{path}.defaultSeverity", $"'{severity}' is not a severity (severities are: {string.Join(", ", severities)})");
        }

        if (window is { } w && w <= TimeSpan.Zero)
        {
            Problem($"{path}.window", $"must be positive (it is {w})");
        }

        if (distance is < 0)
        {
            Problem($"{path}.distanceMetres", $"must not be negative (it is {distance})");
        }

        return id is null || name is null || group is null || severity is null || window is null || distance is null
            ? null
            : new IncidentKind(id, name, group, severity, window.Value, distance.Value, neverAutomatic, keywords);
    }

    private Team? Team(JsonElement e, string path)
    {
        if (!Object(e, path, "id", "name", "email", "supervisorEmail", "members"))
        {
            return null;
        }

        var id = String(e, path, "id");
        var name = String(e, path, "name");
        var email = Email(e, path, "email");
        var supervisor = Email(e, path, "supervisorEmail");
        var members = Items(e, path, "members").Select(x => Member(x.Element, x.Path)).OfType<TeamMember>().ToList();
        Unique(members.Select(m => m.Id), $"{path}.members", "member");
        return id is null || name is null || email is null || supervisor is null ? null : new Team(id, name, email, supervisor, members);
    }

    private TeamMember? Member(JsonElement e, string path)
    {
        if (!Object(e, path, "id", "name", "capacity", "hours", "absences"))
        {
            return null;
        }

        var id = String(e, path, "id");
        var name = String(e, path, "name");
        var capacity = Int(e, path, "capacity");
        if (capacity is < 0)
        {
            Problem($"{path}.capacity", $"must not be negative (it is {capacity})");
        }

        var hours = Property(e, path, "hours", required: true) is { } h ? Hours(h, $"{path}.hours") : null;
        var absences = new List<Absence>();
        foreach (var (absence, absencePath) in Items(e, path, "absences", required: false))
        {
            if (!Object(absence, absencePath, "from", "to"))
            {
                continue;
            }

            var from = Date(absence, absencePath, "from");
            var to = Date(absence, absencePath, "to");
            if (from is { } f && to is { } t)
            {
                if (t < f)
                {
                    Problem($"{absencePath}.to", $"{t:yyyy-MM-dd} is before from {f:yyyy-MM-dd}");
                }
                else
                {
                    absences.Add(new Absence(f, t));
                }
            }
        }

        return id is null || name is null || capacity is null || hours is null ? null : new TeamMember(id, name, capacity.Value, hours, absences);
    }

    private AllocationRule? Rule(JsonElement e, string path, HashSet<string> kinds, HashSet<string> teams)
    {
        if (!Object(e, path, "name", "kinds", "areas", "personTeams", "team"))
        {
            return null;
        }

        var name = String(e, path, "name");
        var ruleKinds = Strings(e, path, "kinds", required: false);
        var areas = Strings(e, path, "areas", required: false);
        var personTeams = Strings(e, path, "personTeams", required: false);
        var team = String(e, path, "team");
        for (var i = 0; i < (ruleKinds?.Count ?? 0); i++)
        {
            if (!kinds.Contains(ruleKinds![i]))
            {
                Problem($"{path}.kinds[{i}]", $"'{ruleKinds[i]}' is not a kind");
            }
        }

        if (team is not null && !teams.Contains(team))
        {
            Problem($"{path}.team", $"'{team}' is not a team (teams are: {string.Join(", ", teams)})");
        }

        foreach (var (list, listName) in new[] { (ruleKinds, "kinds"), (areas, "areas"), (personTeams, "personTeams") })
        {
            if (list is { Count: 0 })
            {
                Problem($"{path}.{listName}", "is empty, so the rule never matches; leave it out to mean any");
            }
        }

        return name is null || team is null ? null : new AllocationRule(name, ruleKinds, areas, personTeams, team);
    }

    private OutOfHoursPolicy? OutOfHours(JsonElement e, string path, List<Team> teams)
    {
        if (!Object(e, path, "timeZone", "officeHours", "closedDays", "dutyTeam", "rota"))
        {
            return null;
        }

        TimeZoneInfo? zone = null;
        if (String(e, path, "timeZone") is { } zoneId && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone))
        {
            Problem($"{path}.timeZone", $"'{zoneId}' is not a time zone this machine knows (e.g. Europe/London)");
        }

        var office = Property(e, path, "officeHours", required: true) is { } h ? Hours(h, $"{path}.officeHours") : null;
        var closed = new HashSet<DateOnly>();
        if (Property(e, path, "closedDays", required: false) is { } days)
        {
            if (days.ValueKind != JsonValueKind.Array)
            {
                Problem($"{path}.closedDays", "must be a list of dates (yyyy-MM-dd)");
            }
            else
            {
                var i = 0;
                foreach (var day in days.EnumerateArray())
                {
                    if (ParseDate(day, $"{path}.closedDays[{i++}]") is { } d)
                    {
                        closed.Add(d);
                    }
                }
            }
        }

        var dutyTeamId = String(e, path, "dutyTeam");
        var dutyTeam = teams.FirstOrDefault(t => string.Equals(t.Id, dutyTeamId, StringComparison.OrdinalIgnoreCase));
        if (dutyTeamId is not null && dutyTeam is null)
        {
            Problem($"{path}.dutyTeam", $"'{dutyTeamId}' is not a team");
        }

        DutyRota? rota = null;
        if (Property(e, path, "rota", required: true) is { } r && Object(r, $"{path}.rota", "start", "handover", "officers"))
        {
            var start = Date(r, $"{path}.rota", "start");
            var handover = Time(r, $"{path}.rota", "handover");
            var officers = Strings(r, $"{path}.rota", "officers", required: true);
            if (officers is { Count: 0 })
            {
                Problem($"{path}.rota.officers", "names nobody");
            }

            for (var i = 0; i < (officers?.Count ?? 0); i++)
            {
                if (dutyTeam is not null && !dutyTeam.Members.Any(m => string.Equals(m.Id, officers![i], StringComparison.OrdinalIgnoreCase)))
                {
                    Problem($"{path}.rota.officers[{i}]", $"'{officers![i]}' is not a member of the duty team {dutyTeam.Id}");
                }
            }

            if (start is not null && handover is not null && officers is { Count: > 0 })
            {
                rota = new DutyRota(start.Value, handover.Value, officers);
            }
        }

        return zone is null || office is null || dutyTeam is null || rota is null ? null : new OutOfHoursPolicy(zone, office, closed, dutyTeam.Id, rota);
    }

    private WeeklyHours? Hours(JsonElement e, string path)
    {
        if (!Object(e, path, "days", "start", "end"))
        {
            return null;
        }

        var days = new HashSet<DayOfWeek>();
        var names = Strings(e, path, "days", required: true);
        for (var i = 0; i < (names?.Count ?? 0); i++)
        {
            if (Enum.TryParse<DayOfWeek>(names![i], ignoreCase: true, out var day) && !int.TryParse(names[i], out _))
            {
                days.Add(day);
            }
            else
            {
                Problem($"{path}.days[{i}]", $"'{names[i]}' is not a day of the week (Monday … Sunday)");
            }
        }

        if (names is { Count: 0 })
        {
            Problem($"{path}.days", "names no days");
        }

        var start = Time(e, path, "start");
        var end = Time(e, path, "end");
        if (start is { } s && end is { } en && en <= s)
        {
            Problem($"{path}.end", $"{en:HH\\:mm} is not after start {s:HH\\:mm}");
            return null;
        }

        return start is null || end is null ? null : new WeeklyHours(days, start.Value, end.Value);
    }

    private bool Object(JsonElement e, string path, params string[] known)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            Problem(path, "must be an object");
            return false;
        }

        foreach (var property in e.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Problem($"{path}.{property.Name}", $"is not a setting here (settings are: {string.Join(", ", known)})");
            }
        }

        return true;
    }

    private JsonElement? Property(JsonElement e, string path, string name, bool required)
    {
        if (e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            Problem($"{path}.{name}", "is missing");
        }

        return null;
    }

    private IEnumerable<(JsonElement Element, string Path)> Items(JsonElement e, string path, string name, bool required = true)
    {
        if (Property(e, path, name, required) is not { } value)
        {
            yield break;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem($"{path}.{name}", "must be a list");
            yield break;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            yield return (item, $"{path}.{name}[{i++}]");
        }
    }

    private string? String(JsonElement e, string path, string name)
    {
        if (Property(e, path, name, required: true) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            Problem($"{path}.{name}", "must be a non-empty string");
            return null;
        }

        return value.GetString()!.Trim();
    }

    private string? Email(JsonElement e, string path, string name)
    {
        var value = String(e, path, name);
        if (value is not null && (value.IndexOf('@', StringComparison.Ordinal) <= 0 || value.EndsWith('@')))
        {
            Problem($"{path}.{name}", $"'{value}' is not an e-mail address");
        }

        return value;
    }

    private List<string>? Strings(JsonElement e, string path, string name, bool required)
    {
        if (Property(e, path, name, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem($"{path}.{name}", "must be a list of strings");
            return null;
        }

        var list = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                list.Add(item.GetString()!.Trim());
            }
            else
            {
                Problem($"{path}.{name}[{i}]", "must be a non-empty string");
            }

            i++;
        }

        return list;
    }

    private int? Int(JsonElement e, string path, string name, bool required = true)
    {
        if (Property(e, path, name, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Problem($"{path}.{name}", $"must be a whole number (it is {value.GetRawText()})");
            return null;
        }

        return number;
    }

    private double? Number(JsonElement e, string path, string name)
    {
        if (Property(e, path, name, required: true) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            Problem($"{path}.{name}", $"must be a number (it is {value.GetRawText()})");
            return null;
        }

        return value.GetDouble();
    }

    private bool Bool(JsonElement e, string path, string name)
    {
        if (Property(e, path, name, required: false) is not { } value)
        {
            return false;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem($"{path}.{name}", $"must be true or false (it is {value.GetRawText()})");
            return false;
        }

        return value.GetBoolean();
    }

    private TimeSpan? Duration(JsonElement e, string path, string name, bool required = true)
    {
        if (Property(e, path, name, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && TimeSpan.TryParseExact(value.GetString(), DurationFormats, CultureInfo.InvariantCulture, out var duration))
        {
            return duration;
        }

        Problem($"{path}.{name}", $"{value.GetRawText()} is not a duration (d.hh:mm:ss or hh:mm, e.g. \"2.00:00:00\" for two days)");
        return null;
    }

    private TimeOnly? Time(JsonElement e, string path, string name)
    {
        if (Property(e, path, name, required: true) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(value.GetString(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        Problem($"{path}.{name}", $"{value.GetRawText()} is not a time of day (HH:mm, e.g. \"08:30\")");
        return null;
    }

    private DateOnly? Date(JsonElement e, string path, string name) =>
        Property(e, path, name, required: true) is { } value ? ParseDate(value, $"{path}.{name}") : null;

    private DateOnly? ParseDate(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Problem(path, $"{value.GetRawText()} is not a date (yyyy-MM-dd)");
        return null;
    }

    private void Unique(IEnumerable<string> ids, string path, string what)
    {
        foreach (var duplicate in ids.GroupBy(i => i, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            Problem(path, $"{what} '{duplicate.Key}' appears {duplicate.Count()} times");
        }
    }

    private void Problem(string path, string message) => _problems.Add($"{path}: {message}");
}
