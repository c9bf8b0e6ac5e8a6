using Microsoft.Extensions.Hosting;
using AutomationFleet.Worker.Hosting;

namespace AutomationFleet.Worker.Cli;

/// <summary>The <c>fleet</c> command line. Placeholder until the CLI lands: only <c>run</c>.</summary>
public static class FleetCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "run")
        {
            using var host = FleetHost.Create(args[1..]);
            await host.RunAsync();
            return 0;
        }

        await Console.Error.WriteLineAsync("usage: fleet run");
        return 2;
    }
}
