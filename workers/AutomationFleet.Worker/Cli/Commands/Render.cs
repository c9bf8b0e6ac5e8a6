using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary>Small helpers for tables: plain-text cells (never parsed as markup) and invariant times.</summary>
public static class Render
{
    public static IRenderable Cell(string? value) => new Spectre.Console.Text(value ?? "");

    public static IRenderable Cell(DateTimeOffset? value) => new Spectre.Console.Text(Time(value));

    public static IRenderable Cell(long value) => new Spectre.Console.Text(value.ToString(CultureInfo.InvariantCulture));

    public static string Time(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public static Table Table(string title, params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        return table;
    }
}
