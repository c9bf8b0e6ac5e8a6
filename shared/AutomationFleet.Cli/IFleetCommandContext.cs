using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Cli;

/// <summary>What a contributed command gets from the <c>fleet</c> command line it runs in.</summary>
public interface IFleetCommandContext
{
    /// <summary>Where results go (standard output, or a test's writer).</summary>
    TextWriter Output { get; }

    /// <summary>Where progress and messages go (standard error, or a test's writer).</summary>
    TextWriter Error { get; }

    /// <summary>Whether <c>--json</c> was given.</summary>
    bool IsJson(ParseResult parseResult);

    /// <summary>The fleet's configuration as <c>fleet run</c> would read it (<c>--config</c>, environment).</summary>
    IConfiguration Configuration(ParseResult parseResult);

    /// <summary>
    /// Opens the fleet's store (<c>--db</c>, <c>--config</c>); a read command passes <paramref name="createIfMissing"/>
    /// false and gets a <see cref="CliException"/> naming the missing database instead of a new empty one.
    /// </summary>
    Task<IFleetStoreSession> OpenStoreAsync(ParseResult parseResult, bool createIfMissing, CancellationToken cancellationToken);

    /// <summary>
    /// Opens (creating it) a store in <paramref name="databasePath"/> instead of the fleet's, with the fleet's other
    /// settings: a benchmark's scratch database, so a measurement never writes into the fleet's own.
    /// </summary>
    Task<IFleetStoreSession> OpenStoreAsync(ParseResult parseResult, string databasePath, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the command's action, wrapped in the command line's error handling: a <see cref="CliException"/> is printed
    /// as one line with its exit code (<see cref="ExitCodes"/>).
    /// </summary>
    void SetAction(Command command, Func<ParseResult, CancellationToken, Task<int>> action);
}
