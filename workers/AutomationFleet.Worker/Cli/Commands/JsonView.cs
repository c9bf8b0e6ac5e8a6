using System.Text.Json;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary>Embeds stored JSON text as JSON (not as an escaped string) in <c>--json</c> output.</summary>
public static class JsonView
{
    public static JsonElement? Embed(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
