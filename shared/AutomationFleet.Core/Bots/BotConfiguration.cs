using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Core.Bots;

/// <summary>How a bot's registration reads whether it is wanted: the one rule every <c>Add…Bot</c> follows.</summary>
public static class BotConfiguration
{
    /// <summary>
    /// Whether the bot whose settings are in <paramref name="sectionName"/> is to run: its section exists and its
    /// <c>Enabled</c> is not <c>false</c>. A host that leaves a bot's section out does not run that bot.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration, string sectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(sectionName);
        return section.Exists() && !string.Equals(section["Enabled"]?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
    }
}
