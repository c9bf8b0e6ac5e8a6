using System.CommandLine;

namespace AutomationFleet.Cli;

/// <summary>
/// A bot's own <c>fleet</c> commands. The Worker's command line adds every source's commands beside its own, so a bot
/// brings its commands with it and the Worker does not grow a file per bot.
/// </summary>
public interface IFleetCommandSource
{
    /// <summary>The top-level commands this source adds, built on <paramref name="context"/>.</summary>
    IEnumerable<Command> CreateCommands(IFleetCommandContext context);
}
