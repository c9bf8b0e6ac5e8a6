using AutomationFleet.Bots.Updates.Channels;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Updates;
using AutomationFleet.CrashTestWorker;
using AutomationFleet.Storage;
using AutomationFleet.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// A real worker process for the crash tests, with one test bot. Settings come from the command line (--Store:Path or
// --Store:Provider postgres --Store:ConnectionString, --Worker:LeaseDuration, --CrashTest:Log, ...); the tests kill it
// with SIGKILL. On SQLite it is the whole fleet host (FleetHost.Create). On PostgreSQL the scheduler (Quartz), the
// other bots, the inbox folder and mail are left out: Quartz on PostgreSQL is not built yet (issue 12), and the test is
// about the queue: the store, the consumers, the heartbeat and the logging, wired by the host's own AddFleetWorker.
// --CrashTest:KillAfterUpdateSend N (SQLite): the process kills itself right after its Nth update has been sent.
var commandLine = new ConfigurationBuilder().AddCommandLine(args).Build();
var postgres = string.Equals(commandLine["Store:Provider"], FleetStoreOptions.Postgres, StringComparison.OrdinalIgnoreCase);
var killAfterUpdateSend = int.TryParse(commandLine["CrashTest:KillAfterUpdateSend"], out var n) ? n : 0;
using var host = postgres ? QueueOnlyHost(args) : FleetHost.Create(args, builder =>
{
    builder.Services.AddSingleton<IBot, CrashTestBot>();
    if (killAfterUpdateSend > 0)
    {
        builder.Services.AddSingleton<IUpdateChannel>(sp => new KillAfterSendChannel(
            new EmailUpdateChannel(sp.GetService<SmtpMailSender>(), sp.GetRequiredService<IOptions<UpdatesOptions>>(), TimeProvider.System),
            killAfterUpdateSend));
    }
});
await host.RunAsync();

static IHost QueueOnlyHost(string[] args)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = args,
        ContentRootPath = Directory.GetCurrentDirectory(),
    });
    var configDirectory = FleetConfiguration.ResolveConfigDirectory(new ConfigurationBuilder().AddCommandLine(args).Build());
    builder.Configuration.AddFleetSources(configDirectory, builder.Environment.EnvironmentName, args);
    builder.Services.TryAddSingleton(TimeProvider.System);
    builder.Services.AddFleetStore(builder.Configuration);
    builder.Services.AddSingleton<IBot, CrashTestBot>();
    builder.Services.AddFleetWorker(builder.Configuration);
    return builder.Build();
}
