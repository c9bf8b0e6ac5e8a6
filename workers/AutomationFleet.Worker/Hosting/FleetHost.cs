using AutomationFleet.Worker.Inbox;
using AutomationFleet.Worker.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Worker.Hosting;

/// <summary>Builds the fleet's Generic Host: store, queue consumers, scheduler, inbox folder.</summary>
public static class FleetHost
{
    public static IHost Create(string[] args)
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine(args).Build();
        var configDirectory = FleetConfiguration.ResolveConfigDirectory(commandLine);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddFleetSources(configDirectory, builder.Environment.EnvironmentName, args);

        builder.Services.AddFleetScheduling(builder.Configuration);
        builder.Services.AddInboxFolder(builder.Configuration);
        return builder.Build();
    }
}
