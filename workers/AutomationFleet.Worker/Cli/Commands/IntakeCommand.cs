using System.CommandLine;
using AutomationFleet.Portal.Intake;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary>
/// <c>fleet intake new-key --source NAME --queue QUEUE</c>: makes an API key for a system that posts to the intake
/// endpoint. The key is printed once, to give to that system; only its hash goes into configuration.
/// </summary>
public static class IntakeCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var source = new Option<string>("--source") { Description = "The source's name (lower-case letters, digits, hyphens).", Required = true };
        var queue = new Option<string>("--queue") { Description = "The one queue this source may post to.", Required = true };
        var newKey = new Command("new-key", "Make an API key for a source; prints the key (once) and the configuration entry holding its hash.")
        {
            source,
            queue,
        };
        cli.SetAction(newKey, async (parse, _) =>
        {
            var entry = new IntakeSource { Name = parse.GetValue(source)!, Queue = parse.GetValue(queue)! };
            var (key, hash) = IntakeKeys.Create();
            entry.KeyHash = hash;
            var check = new IntakeOptionsValidator().Validate(null, new IntakeOptions { Sources = { entry } });
            if (check.Failed)
            {
                throw new CliException(string.Join(" ", check.Failures!));
            }

            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(new { key, source = entry });
                return ExitCodes.Success;
            }

            await cli.Output.WriteLineAsync($"API key for {entry.Name} (shown once; give it to that system, keep it secret):");
            await cli.Output.WriteLineAsync(key);
            await cli.Output.WriteLineAsync();
            await cli.Output.WriteLineAsync("Add this to Intake:Sources in config/appsettings.json (it holds only the hash):");
            await cli.Output.WriteLineAsync($$"""{ "Name": "{{entry.Name}}", "Queue": "{{entry.Queue}}", "KeyHash": "{{hash}}" }""");
            return ExitCodes.Success;
        });
        var command = new Command("intake", "API keys for the intake endpoint (POST /intake/{queue}).") { newKey };
        return command;
    }
}
