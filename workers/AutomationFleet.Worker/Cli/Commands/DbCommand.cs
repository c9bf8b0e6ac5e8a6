using System.CommandLine;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary>
/// <c>fleet db migrate</c>: creates or upgrades the fleet's tables (with their version) and the scheduler's (Quartz.NET),
/// so an administrator can upgrade the database before starting new workers. Hosts do the same as they start; a database
/// of a newer build than this one is refused, untouched.
/// </summary>
public static class DbCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var migrate = new Command("migrate", "Create or upgrade the fleet's tables and the scheduler's, and say from which version to which.");
        cli.SetAction(migrate, async (parse, cancellationToken) =>
        {
            var (services, migration) = await CliServices.MigrateAsync(parse.GetValue(cli.Globals.Config), parse.GetValue(cli.Globals.Db), cancellationToken);
            await using (services)
            {
                // SQLite: opening the scheduler's store creates its tables when missing. PostgreSQL: the upgrade above has
                // created them as the schema owner; opening checks the scheduler can read them.
                await using (await services.OpenSchedulesAsync(cancellationToken))
                {
                }

                if (cli.IsJson(parse))
                {
                    await cli.Console.WriteJsonAsync(new { migration.Provider, migration.Location, migration.Before, migration.After, migration.Changed, scheduler = "ready" });
                    return ExitCodes.Success;
                }

                var what = migration.Before switch
                {
                    null => $"created at version {migration.After}",
                    var before when before == migration.After => $"already at version {migration.After}",
                    var before => $"upgraded from version {before} to {migration.After}",
                };
                await cli.Console.Output.WriteLineAsync($"Fleet tables ({migration.Provider}, {migration.Location}): {what}.");
                await cli.Console.Output.WriteLineAsync("Scheduler tables (Quartz.NET): ready.");
                return ExitCodes.Success;
            }
        });
        return new Command("db", "The fleet's database.") { migrate };
    }
}
