using AutomationFleet.Bots.IncidentReports.Allocation;

namespace AutomationFleet.Bots.IncidentReports.Tests.Allocation;

public sealed class AllocationConfigTests
{
    [Fact]
    public void Load_ShippedFile_LoadsWithoutProblems()
    {
        var config = AllocationConfig.Load(TestConfigs.ShippedPath);

        Assert.Contains(config.Kinds, k => k is { Id: "safeguarding-concern", NeverAutomatic: true });
        Assert.Equal(config.FindKind("pothole")!.Group, config.FindKind("road-surface")!.Group);
        Assert.Equal("emergency-duty", config.OutOfHours.DutyTeam);
        Assert.Equal("Europe/London", config.OutOfHours.TimeZone.Id);
        Assert.True(config.Rules.Count >= 5);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneByPath()
    {
        const string json = """
            {
              "kinds": [ { "id": "pothole", "name": "Pothole", "group": "road", "defaultSeverity": "urgnt", "window": "two weeks", "distanceMetres": -5 } ],
              "severities": [ { "id": "routine", "name": "Routine", "hours": 24, "workingDays": 5 } ],
              "teams": [
                { "id": "roads", "name": "Roads", "email": "roads", "supervisorEmail": "lead@example.org", "members": [
                  { "id": "a", "name": "A", "capcity": 3, "capacity": -1, "hours": { "days": ["Mon", "Tuesday"], "start": "25:00", "end": "17:00" } },
                  { "id": "b", "name": "B", "capacity": 3, "hours": { "days": ["Monday"], "start": "17:00", "end": "09:00" },
                    "absences": [ { "from": "2026-08-14", "to": "2026-08-01" } ] }
                ] }
              ],
              "rules": [ { "name": "r", "kinds": ["pothole", "sinkhole"], "team": "highways-east" } ],
              "outOfHours": {
                "timeZone": "Europe/Londres",
                "officeHours": { "days": ["Monday"], "start": "08:30", "end": "17:00" },
                "dutyTeam": "roads",
                "rota": { "start": "2026-01-05", "handover": "9am", "officers": ["a", "zed"] }
              }
            }
            """;

        var error = Assert.Throws<AllocationConfigException>(() => AllocationConfig.Parse(json, "bad.json"));

        string[] paths =
        [
            "$.kinds[0].defaultSeverity", "$.kinds[0].window", "$.kinds[0].distanceMetres", "$.severities[0]",
            "$.teams[0].email", "$.teams[0].members[0].capcity", "$.teams[0].members[0].capacity",
            "$.teams[0].members[0].hours.days[0]", "$.teams[0].members[0].hours.start", "$.teams[0].members[1].hours.end",
            "$.teams[0].members[1].absences[0].to", "$.rules[0].kinds[1]", "$.rules[0].team", "$.outOfHours.timeZone",
            "$.outOfHours.rota.handover", "$.outOfHours.rota.officers[1]",
        ];
        foreach (var path in paths)
        {
            Assert.Contains(error.Problems, p => p.StartsWith(path + ":", StringComparison.Ordinal));
        }

        Assert.Contains("bad.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_SaysWhere()
    {
        var error = Assert.Throws<AllocationConfigException>(() => AllocationConfig.Parse("{ \"kinds\": [ ", "broken.json"));

        Assert.StartsWith("$: is not JSON", error.Problems.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingSections_NamesEach()
    {
        var error = Assert.Throws<AllocationConfigException>(() => AllocationConfig.Parse("{}", "empty.json"));

        foreach (var section in new[] { "kinds", "severities", "teams", "rules", "outOfHours" })
        {
            Assert.Contains($"$.{section}: is missing", error.Problems);
        }
    }
}
