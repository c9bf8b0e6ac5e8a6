using System.CommandLine;

namespace AutomationFleet.Worker.Cli;

/// <summary>Options every command accepts.</summary>
public sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write machine-readable JSON instead of tables.",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "The configuration folder (default: FLEET_CONFIG_DIR, ./config, or the one beside the executable).",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<string?> Db { get; } = new("--db")
    {
        Description = "The SQLite database file; overrides Store:Path from configuration.",
        HelpName = "PATH",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Json);
        command.Options.Add(Config);
        command.Options.Add(Db);
    }
}
