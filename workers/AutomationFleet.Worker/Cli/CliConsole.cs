using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli;

/// <summary>
/// Where the CLI writes: tables and progress through Spectre.Console, machine output (<c>--json</c>)
/// straight to <see cref="Output"/>, errors to <see cref="Error"/>.
/// </summary>
public sealed class CliConsole
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public CliConsole(IAnsiConsole ansi, TextWriter output, TextWriter error)
    {
        Ansi = ansi;
        Output = output;
        Error = error;
    }

    public IAnsiConsole Ansi { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Where <c>--password-stdin</c> reads from: the process's standard input unless set (tests).</summary>
    public TextReader Input { get; init; } = Console.In;

    /// <summary>The process's own console.</summary>
    public static CliConsole ForProcess()
    {
        // Redirected output (a pipe, a file, a CI log) has no width; Spectre would assume 80 columns and
        // fold every table cell, so give it room instead.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Console.Profile.Width = 200;
        }

        return new(AnsiConsole.Console, Console.Out, Console.Error);
    }

    /// <summary>A plain, non-interactive console over two writers (tests, redirected output).</summary>
    public static CliConsole ForWriters(TextWriter output, TextWriter error)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        ansi.Profile.Width = 200;
        return new CliConsole(ansi, output, error);
    }

    public async Task WriteJsonAsync<T>(T value)
    {
        await Output.WriteLineAsync(JsonSerializer.Serialize(value, JsonOptions));
        await Output.FlushAsync();
    }
}
