using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AutomationFleet.Cli;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Privacy;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Bots.Maintenance.SubjectAccess;

/// <summary>
/// <c>fleet subject-access --nhs-number N | --name NAME --dob DATE [--out DIR]</c>: exports everything the fleet holds
/// about one person (see <see cref="SubjectAccessExport"/>). The searched values are never printed back, logged or audited.
/// </summary>
public sealed class SubjectAccessCommands(TimeProvider timeProvider) : IFleetCommandSource
{
    public SubjectAccessCommands()
        : this(TimeProvider.System)
    {
    }

    public IEnumerable<Command> CreateCommands(IFleetCommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nhs = new Option<string?>("--nhs-number") { Description = "Find by this exact NHS number (10 digits; spaces allowed).", HelpName = "N" };
        var name = new Option<string?>("--name") { Description = "Find by this name (with --dob), normalised as person matching does.", HelpName = "NAME" };
        var dob = new Option<string?>("--dob") { Description = "The person's date of birth (with --name), e.g. 1959-10-26 or 26/10/1959.", HelpName = "DATE" };
        var output = new Option<string?>("--out") { Description = "An empty or new folder for the export (default subject-access-<time> here).", HelpName = "DIR" };
        var command = new Command("subject-access", "Export everything the fleet holds about one person: JSON plus the original documents (audited).")
        {
            nhs, name, dob, output,
        };
        context.SetAction(command, async (parse, cancellationToken) =>
        {
            var query = QueryFrom(parse.GetValue(nhs), parse.GetValue(name), parse.GetValue(dob));
            var now = timeProvider.GetUtcNow();
            var directory = Path.GetFullPath(parse.GetValue(output)
                ?? $"subject-access-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}");
            if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            {
                throw new CliException($"--out: '{directory}' is not empty; give a new or empty folder.");
            }

            await using var session = await context.OpenStoreAsync(parse, createIfMissing: false, cancellationToken);
            var services = session.Services;
            var export = new SubjectAccessExport(
                services.GetRequiredService<ISubjectAccessStore>(),
                services.GetRequiredService<IReviewQueue>(),
                services.GetRequiredService<ISideEffectLedger>(),
                services.GetRequiredService<IWorkQueue>(),
                services.GetRequiredService<IIncidentStore>(),
                services.GetRequiredService<IBlobStore>(),
                services.GetRequiredService<IUserStore>());
            var summary = await export.RunAsync(query, directory, Actors.Cli(Environment.UserName), now, cancellationToken);
            if (context.IsJson(parse))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { directory, summary }, MaintenanceBot.JsonOptions));
            }
            else
            {
                await context.Output.WriteLineAsync(
                    $"exported {summary.Items} item(s), {summary.Incidents} incident(s), {summary.Documents} document(s) to {directory}");
                if (summary.SearchTruncated)
                {
                    await context.Error.WriteLineAsync($"warning: the search matched {SubjectAccessExport.MaxCandidates:N0} items or more; the export may be incomplete.");
                }
            }

            return 0;
        });
        return [command];
    }

    /// <summary>The query from the options: exactly one of the NHS number or the name with the date of birth.</summary>
    internal static SubjectQuery QueryFrom(string? nhsNumber, string? name, string? dateOfBirth)
    {
        var byName = name is not null || dateOfBirth is not null;
        if ((nhsNumber is null) == !byName)
        {
            throw new CliException("Give either --nhs-number, or --name with --dob (not both).");
        }

        if (nhsNumber is not null)
        {
            return SubjectQuery.ByNhsNumber(nhsNumber)
                ?? throw new CliException("--nhs-number is not a valid NHS number (10 digits with a correct check digit).");
        }

        if (name is null || dateOfBirth is null)
        {
            throw new CliException("--name and --dob go together: give both.");
        }

        return SubjectQuery.ByNameAndBirthDate(name, dateOfBirth)
            ?? throw new CliException("--name needs letters and --dob a whole date (day, month and year).");
    }
}
