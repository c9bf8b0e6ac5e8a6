using System.CommandLine;
using AutomationFleet.Bots.ContactForms;
using AutomationFleet.Bots.FinancialAssessments;
using AutomationFleet.Bots.IncidentReports;
using AutomationFleet.Bots.InboundPost;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.Storage;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary><c>fleet portal</c>: the review portal alone (no consumers, scheduler or inbox), against the same store.</summary>
public static class PortalCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var command = new Command("portal", "Run only the review portal against the fleet's store (Portal:Urls, default http://127.0.0.1:5080).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            var args = new List<string>();
            if (parse.GetValue(cli.Globals.Config) is { } config)
            {
                args.Add($"--config={Path.GetFullPath(config)}");
            }

            if (parse.GetValue(cli.Globals.Db) is { } db)
            {
                args.Add($"--{SqliteStoreOptions.SectionName}:Path={Path.GetFullPath(db)}");
            }

            args.AddRange(parse.UnmatchedTokens);
            var commandLine = new ConfigurationBuilder().AddCommandLine([.. args]).Build();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = [.. args],
                ContentRootPath = Directory.GetCurrentDirectory(),
            });
            builder.Configuration.AddFleetSources(FleetConfiguration.ResolveConfigDirectory(commandLine), builder.Environment.EnvironmentName, [.. args]);
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddFleetStore(builder.Configuration);
            builder.Services.AddFleetLogging(builder.Configuration, _ => $"portal-{Environment.MachineName}-{Environment.ProcessId}");
            // The bots' review forms only (evidence view, correction form and what they need), not the bots themselves.
            builder.Services.AddInboundPostReviewForm(builder.Configuration);
            builder.Services.AddContactFormReviewForm();
            builder.Services.AddFinancialAssessmentReviewForm();
            builder.Services.AddIncidentReviewForm();
            builder.Services.AddFleetPortalHost(builder.Configuration, force: true);
            using var host = builder.Build();
            await host.RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
