using System.Globalization;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Calculation;

namespace AutomationFleet.Bots.FinancialAssessments.Cli;

/// <summary>
/// Calculations per second on every core: generated cases (home and care home, every configured year, 2–8 incomes,
/// capital on both sides of the limits) worked out once from parsed documents (the calculator alone) and once from
/// JSON text (reading and calculating, what the bot does per item); then the first <c>letters</c> of them written as
/// PDF letters (what the print step does per item, less the file write).
/// </summary>
internal sealed class AssessmentBenchmark(ChargeAssessor assessor, Letters.ChargeLetterWriter letterWriter, TimeProvider timeProvider)
{
    private static readonly string[] Counted = ["state-pension", "occupational-pension", "universal-credit", "employment-and-support-allowance", "pension-credit", "earnings", "pip-mobility", "savings-credit", "war-widows-pension"];

    public AssessmentBenchmarkReport Run(int count, int letters, CancellationToken cancellationToken)
    {
        var random = new Random(20_250_406);
        var documents = Enumerable.Range(0, count).Select(i => Document(random, i)).ToArray();
        var parsed = documents.Select(AssessmentReader.Read).ToArray();
        var load = LoadAverage();
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };

        // One warm-up pass so JIT tiering is not measured.
        Parallel.For(0, Math.Min(count, 20_000), options, i => assessor.Assess(parsed[i]));
        var charges = new decimal[count];
        var started = timeProvider.GetTimestamp();
        Parallel.For(0, count, options, i => charges[i] = assessor.Assess(parsed[i]).WeeklyCharge);
        var calculate = timeProvider.GetElapsedTime(started).TotalSeconds;
        started = timeProvider.GetTimestamp();
        Parallel.For(0, count, options, i => charges[i] = assessor.Assess(documents[i]).WeeklyCharge);
        var readAndCalculate = timeProvider.GetElapsedTime(started).TotalSeconds;

        var letterSeconds = 0d;
        var letterBytes = 0L;
        if (letters > 0)
        {
            var today = new DateOnly(2025, 6, 2);
            Parallel.For(0, Math.Min(letters, 50), options, i => letterWriter.Write(assessor.Assess(parsed[i]), null, today));
            started = timeProvider.GetTimestamp();
            Parallel.For(0, letters, options, i => Interlocked.Add(ref letterBytes, letterWriter.Write(assessor.Assess(parsed[i]), null, today).Length));
            letterSeconds = timeProvider.GetElapsedTime(started).TotalSeconds;
        }

        return new AssessmentBenchmarkReport(
            count,
            Environment.ProcessorCount,
            Math.Round(count / calculate),
            Math.Round(count / readAndCalculate),
            Math.Round(calculate, 3),
            Math.Round(readAndCalculate, 3),
            charges.Count(c => c > 0),
            letters,
            letters == 0 ? 0 : Math.Round(letters / letterSeconds, 1),
            letters == 0 ? 0 : letterBytes / letters,
            load,
            LoadAverage());
    }

    private string Document(Random random, int i)
    {
        var years = assessor.Rates.Years.ToArray();
        var year = years[i % years.Length];
        var start = Rates.FinancialYear.StartOf(year).AddDays(random.Next(0, 365));
        var home = random.Next(2) == 0;
        var born = start.AddYears(-random.Next(19, 95)).AddDays(-random.Next(0, 365));
        // A year whose Savings Credit disregard is not yet known (2026-27) would stop such a case, by design.
        var types = assessor.Rates.For(start).Rates[Rates.RateKeys.SavingsCreditDisregardSingle].Amount is null
            ? Counted.Where(t => t != "savings-credit").ToArray()
            : Counted;
        var incomes = Enumerable.Range(0, random.Next(2, 9))
            .Select(_ => Invariant($$"""{ "type": "{{types[random.Next(types.Length)]}}", "weekly": {{random.Next(0, 40_000) / 100m}} }"""));
        var capital = Invariant($$"""[ { "type": "savings", "amount": {{random.Next(0, 3_000_000) / 100m}} }, { "type": "joint-account", "amount": {{random.Next(0, 1_000_000) / 100m}} } ]""");
        var premiums = born.AddYears(60) > start ? "\"disability\"" : "";
        return Invariant($$"""
            { "reference": "BENCH-{{i}}", "effectiveDate": "{{start:yyyy-MM-dd}}", "setting": "{{(home ? "home" : "care-home")}}",
              "person": { "dateOfBirth": "{{born:yyyy-MM-dd}}", "couple": false, "premiums": [{{premiums}}], "nightCare": false },
              "income": [ {{string.Join(", ", incomes)}} ],
              "capital": {{capital}},
              "disabilityRelatedExpenditure": [ { "item": "laundry", "monthly": {{random.Next(0, 10_000) / 100m}} } ],
              "housingCosts": [ { "item": "rent", "weekly": {{random.Next(0, 10_000) / 100m}} } ],
              "costOfCare": { "weekly": {{random.Next(5_000, 150_000) / 100m}} } }
            """);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // /proc/loadavg's first three fields; the bench runs on a shared machine, so the load says how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

/// <summary>What <c>fleet assess-bench</c> measured.</summary>
internal sealed record AssessmentBenchmarkReport(
    int Assessments,
    int Cores,
    double CalculationsPerSecond,
    double ReadAndCalculatePerSecond,
    double CalculateSeconds,
    double ReadAndCalculateSeconds,
    int WithACharge,
    int Letters,
    double LettersPerSecond,
    long MeanLetterBytes,
    string LoadAverageBefore,
    string LoadAverageAfter)
{
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"assess-bench: {Assessments:N0} assessments on {Cores} core(s): {CalculationsPerSecond:N0} calculations/s ({CalculateSeconds:0.000} s), {ReadAndCalculatePerSecond:N0} read+calculate/s ({ReadAndCalculateSeconds:0.000} s); {WithACharge:N0} with a charge; {Letters:N0} letters at {LettersPerSecond:N1} letters/s ({MeanLetterBytes:N0} bytes each); load average {LoadAverageBefore} before, {LoadAverageAfter} after");
}
