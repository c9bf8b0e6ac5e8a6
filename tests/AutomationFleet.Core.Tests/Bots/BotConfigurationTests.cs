using AutomationFleet.Core.Bots;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Core.Tests.Bots;

public sealed class BotConfigurationTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData(" False ", false)]
    public void IsEnabled_SectionAndEnabledSetting_RunsUnlessAbsentOrFalse(string? enabled, bool expected)
    {
        var settings = new Dictionary<string, string?>();
        if (enabled is not null)
        {
            settings["Bot:Queue"] = "q";
            if (enabled.Length > 0)
            {
                settings["Bot:Enabled"] = enabled;
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        Assert.Equal(expected, BotConfiguration.IsEnabled(configuration, "Bot"));
    }
}
