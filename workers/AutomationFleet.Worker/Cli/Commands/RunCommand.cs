using System.CommandLine;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Worker.Hosting;
using AutomationFleet.Worker.Scheduling;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary><c>fleet run</c>: starts the fleet's Generic Host and runs until stopped.</summary>
public static class RunCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var command = new Command("run", "Start the fleet: queue consumers, scheduler, inbox, review portal (Portal:Enabled, Portal:Urls). Extra --Section:Key=value arguments override configuration.")
        {
            // Host settings such as --Worker:Id=w1 pass straight through to the host's configuration.
            TreatUnmatchedTokensAsErrors = false,
        };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            var args = new List<string>();
            if (parse.GetValue(cli.Globals.Config) is { } config)
            {
                var full = Path.GetFullPath(config);
                if (!Directory.Exists(full))
                {
                    throw new CliException($"The configuration folder '{full}' does not exist.");
                }

                args.Add($"--config={full}");
            }

            if (parse.GetValue(cli.Globals.Db) is { } db)
            {
                args.Add($"--{SqliteStoreOptions.SectionName}:Path={Path.GetFullPath(db)}");
            }

            args.AddRange(parse.UnmatchedTokens);
            var builder = FleetHost.CreateBuilder([.. args]);
            builder.Services.AddFleetPortalHost(builder.Configuration);
            PortalScheduleControl.AddPortalScheduleControl(builder.Services);
            using var host = builder.Build();
            await host.RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
