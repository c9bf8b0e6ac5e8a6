using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Rates;
using AutomationFleet.Cli;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Bots.FinancialAssessments.Cli;

/// <summary>
/// The financial-assessment bot's <c>fleet</c> commands: <c>assess</c> prints the breakdown of one assessment document;
/// <c>assess-bench</c> measures calculations per second. Rates and local policy come from the fleet's configuration
/// (<c>FinancialAssessments</c>), checked by <see cref="FinancialAssessmentsOptionsValidator"/> first. A bad document
/// exits 2 with one line per problem, each naming its field.
/// </summary>
public sealed class AssessmentCommands(TimeProvider timeProvider) : IFleetCommandSource
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public AssessmentCommands()
        : this(TimeProvider.System)
    {
    }

    public IEnumerable<Command> CreateCommands(IFleetCommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [Assess(context), Bench(context)];
    }

    /// <summary>The assessor configured as the fleet would run it, or a <see cref="CliException"/> naming each bad setting.</summary>
    internal static ChargeAssessor CreateAssessor(IConfiguration configuration) => CreateAssessor(LoadOptions(configuration));

    private static ChargeAssessor CreateAssessor(FinancialAssessmentsOptions options) =>
        new(ChargingRates.Load(options.RatesDirectory), options.LocalPolicy);

    /// <summary>The bot's settings as the fleet would run with them, every bad one named in a <see cref="CliException"/>.</summary>
    internal static FinancialAssessmentsOptions LoadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(FinancialAssessmentsOptions.SectionName).Get<FinancialAssessmentsOptions>() ?? new FinancialAssessmentsOptions();
        options.RatesDirectory = FinancialAssessmentsOptions.ResolveRatesDirectory(options.RatesDirectory);
        var result = new FinancialAssessmentsOptionsValidator().Validate(null, options);
        return result.Failed ? throw new CliException(string.Join(Environment.NewLine, result.Failures)) : options;
    }

    private Command Assess(IFleetCommandContext context)
    {
        var input = new Option<string>("--input") { Description = "The assessment document (JSON).", HelpName = "FILE", Required = true };
        var letterPath = new Option<string?>("--letter") { Description = "Also write the outcome letter (PDF) to this file.", HelpName = "OUT.pdf" };
        var largePrint = new Option<bool>("--large-print") { Description = "Set the letter in large print (16 point and up)." };
        var command = new Command("assess", "Work out the weekly Care Act charge of one assessment document, print the breakdown and optionally write the letter.")
        {
            input, letterPath, largePrint,
        };
        context.SetAction(command, async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(input)!;
            if (!File.Exists(path))
            {
                throw new CliException($"--input: '{path}' does not exist.");
            }

            var options = LoadOptions(context.Configuration(parse));
            var assessor = CreateAssessor(options);
            Calculation.ChargeBreakdown breakdown;
            Assessment assessment;
            try
            {
                assessment = AssessmentReader.Read(await File.ReadAllTextAsync(path, cancellationToken));
                breakdown = assessor.Assess(assessment);
            }
            catch (AssessmentInputException exception)
            {
                // Each error names a field and says what is wrong; none repeats a name or a date of birth.
                throw new CliException($"{path}: {exception.Errors.Count} problem(s){Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", exception.Errors));
            }
            catch (ChargingRatesException exception)
            {
                throw new CliException(exception.Message, ExitCodes.Failure);
            }

            if (parse.GetValue(letterPath) is { } letterFile)
            {
                var today = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);
                var pdf = new Letters.ChargeLetterWriter(options.Letter).Write(breakdown, assessment.Addressee, today, parse.GetValue(largePrint));
                await File.WriteAllBytesAsync(letterFile, pdf, cancellationToken);
            }

            await context.Output.WriteAsync(context.IsJson(parse) ? JsonSerializer.Serialize(breakdown, JsonOptions) + Environment.NewLine : BreakdownText.Write(breakdown));
            await context.Output.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private Command Bench(IFleetCommandContext context)
    {
        var count = new Option<int>("--count") { Description = "How many generated assessments to work out (default 200,000).", DefaultValueFactory = _ => 200_000 };
        var letters = new Option<int>("--letters") { Description = "How many of them to write as PDF letters (default 2,000; 0 for none).", DefaultValueFactory = _ => 2_000 };
        var command = new Command("assess-bench", "Measure financial-assessment calculations and letters per second on every core, on generated cases across the configured years.")
        {
            count, letters,
        };
        context.SetAction(command, async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(count);
            if (n is < 1000 or > 10_000_000)
            {
                throw new CliException("--count must be from 1,000 to 10,000,000.");
            }

            var l = parse.GetValue(letters);
            if (l < 0 || l > n)
            {
                throw new CliException("--letters must be from 0 to --count.");
            }

            var options = LoadOptions(context.Configuration(parse));
            var report = new AssessmentBenchmark(CreateAssessor(options), new Letters.ChargeLetterWriter(options.Letter), timeProvider).Run(n, l, cancellationToken);
            await context.Output.WriteLineAsync(context.IsJson(parse) ? JsonSerializer.Serialize(report, JsonOptions) : report.Describe());
            await context.Output.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
