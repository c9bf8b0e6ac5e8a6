using AutomationFleet.Bots.IncidentReports.Allocation;

namespace AutomationFleet.Bots.IncidentReports.Tests.Allocation;

internal static class TestConfigs
{
    public static string ShippedPath => Path.Combine(AppContext.BaseDirectory, "config", "incidents", "allocation.json");

    public static AllocationConfig Shipped { get; } = AllocationConfig.Load(ShippedPath);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    // A team of six for balancing: three of one capacity, one of half, one absent, one who works Saturdays only.
    public static AllocationConfig Balancing { get; } = AllocationConfig.Parse("""
        {
          "kinds": [ { "id": "pothole", "name": "Pothole", "group": "road-surface", "defaultSeverity": "routine", "window": "14.00:00:00", "distanceMetres": 50 } ],
          "severities": [ { "id": "routine", "name": "Routine", "workingDays": 5, "escalateBefore": "1.00:00:00" } ],
          "teams": [
            { "id": "roads", "name": "Roads", "email": "roads@example.org", "supervisorEmail": "lead@example.org", "members": [
              { "id": "a", "name": "A", "capacity": 5000, "hours": { "days": ["Monday","Tuesday","Wednesday","Thursday","Friday"], "start": "08:30", "end": "17:00" } },
              { "id": "b", "name": "B", "capacity": 5000, "hours": { "days": ["Monday","Tuesday","Wednesday","Thursday","Friday"], "start": "08:30", "end": "17:00" } },
              { "id": "c", "name": "C", "capacity": 5000, "hours": { "days": ["Monday","Tuesday","Wednesday","Thursday","Friday"], "start": "08:30", "end": "17:00" } },
              { "id": "d", "name": "D", "capacity": 2500, "hours": { "days": ["Monday","Tuesday","Wednesday","Thursday","Friday"], "start": "08:30", "end": "17:00" } },
              { "id": "e", "name": "E", "capacity": 5000, "hours": { "days": ["Monday","Tuesday","Wednesday","Thursday","Friday"], "start": "08:30", "end": "17:00" },
                "absences": [ { "from": "2026-06-15", "to": "2026-06-19" } ] },
              { "id": "f", "name": "F", "capacity": 5000, "hours": { "days": ["Saturday"], "start": "08:30", "end": "17:00" } }
            ] },
            { "id": "duty", "name": "Duty", "email": "duty@example.org", "supervisorEmail": "duty.lead@example.org", "members": [
              { "id": "d1", "name": "D1", "capacity": 10, "hours": { "days": ["Saturday","Sunday"], "start": "00:00", "end": "23:59" } }
            ] }
          ],
          "rules": [
            { "name": "first", "kinds": ["pothole"], "areas": ["north"], "team": "roads" },
            { "name": "second", "kinds": ["pothole"], "team": "duty" }
          ],
          "outOfHours": {
            "timeZone": "Europe/London",
            "officeHours": { "days": ["Monday","Tuesday","Wednesday","Thursday","Friday"], "start": "08:30", "end": "17:00" },
            "closedDays": ["2026-12-29", "2026-12-30", "2026-12-31"],
            "dutyTeam": "duty",
            "rota": { "start": "2026-01-05", "handover": "09:00", "officers": ["d1"] }
          }
        }
        """, "balancing.json");
}
