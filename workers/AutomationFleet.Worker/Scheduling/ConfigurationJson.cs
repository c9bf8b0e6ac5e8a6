using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>Turns a configuration section back into JSON (for payloads written as objects in config files).</summary>
internal static class ConfigurationJson
{
    /// <summary>The section as JSON: a value as given (it must itself be JSON), children as an object or array.</summary>
    public static string? ToJson(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value;
        }

        return ToNode(section)!.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static JsonNode? ToNode(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value is null ? null : JsonValue.Create(section.Value);
        }

        // Configuration flattens arrays to keys 0..n-1.
        if (children.Select((c, i) => c.Key == i.ToString(System.Globalization.CultureInfo.InvariantCulture)).All(x => x))
        {
            var array = new JsonArray();
            foreach (var child in children)
            {
                array.Add(ToNode(child));
            }

            return array;
        }

        var obj = new JsonObject();
        foreach (var child in children)
        {
            obj[child.Key] = ToNode(child);
        }

        return obj;
    }
}
