using AutomationFleet.Core.Bots;
using AutomationFleet.CrashTestWorker;
using AutomationFleet.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A real worker process for the crash test: the fleet host with one test bot. Settings come from the
// command line (--Store:Path, --Worker:LeaseDuration, --CrashTest:Log, ...); the test kills it with SIGKILL.
using var host = FleetHost.Create(args, builder => builder.Services.AddSingleton<IBot, CrashTestBot>());
await host.RunAsync();
