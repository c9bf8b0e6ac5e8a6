using System.Text.Json;
using AutomationFleet.Worker.Cli;

namespace AutomationFleet.Bots.IncidentReports.Tests.Cli;

/// <summary>
/// Runs the real <c>fleet</c> command line in-process with a config folder in <paramref name="directory"/> naming the shipped
/// reference data (and an empty person-team export), so nothing from the machine leaks in.
/// </summary>
internal static class IncidentCli
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(DirectoryInfo directory, params string[] args)
    {
        var config = Directory.CreateDirectory(Path.Combine(directory.FullName, "config")).FullName;
        var teams = Path.Combine(directory.FullName, "teams.csv");
        await File.WriteAllTextAsync(teams, "id,team\n");
        var settings = new
        {
            IncidentReports = new
            {
                AllocationPath = IncidentTestKit.Shipped("config/incidents/allocation.json"),
                GazetteerPath = IncidentTestKit.Shipped("config/incidents/gazetteer.csv"),
                PersonTeamsPath = teams,
            },
            TextEmbeddings = new { CacheDirectory = "" },
        };
        await File.WriteAllTextAsync(Path.Combine(config, "appsettings.json"), JsonSerializer.Serialize(settings));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await FleetCli.RunAsync([.. args, "--config", config], CliConsole.ForWriters(output, error, TextReader.Null), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
