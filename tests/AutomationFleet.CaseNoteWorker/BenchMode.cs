using System.Diagnostics;
using System.Globalization;
using AutomationFleet.Connectors.CaseNotes;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.CaseNoteWorker;

/// <summary>Notes per minute with one reused browser, one note after another, on distinct people.</summary>
internal static class BenchMode
{
    public static async Task<int> RunAsync(ICaseNoteWriter writer, IConfiguration configuration)
    {
        var notes = int.Parse(configuration["Notes"] ?? "30", CultureInfo.InvariantCulture);
        var firstPerson = int.Parse(configuration["FirstPerson"] ?? "100001", CultureInfo.InvariantCulture);
        var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        // The first note launches Chromium and signs in: timed apart so the rate is the steady state.
        var warmUp = Stopwatch.StartNew();
        await writer.WriteAsync($"CR{firstPerson}", $"bench:{run}:warm-up", "Benchmark note (warm-up).", CancellationToken.None);
        warmUp.Stop();

        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= notes; i++)
        {
            await writer.WriteAsync($"CR{firstPerson + i}", $"bench:{run}:{i}", $"Benchmark note {i}.", CancellationToken.None);
        }

        clock.Stop();
        var perMinute = notes / clock.Elapsed.TotalMinutes;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"first note (launch + sign-in): {warmUp.Elapsed.TotalSeconds:F2} s; {notes} notes in {clock.Elapsed.TotalSeconds:F1} s = {perMinute:F0} notes/minute ({clock.Elapsed.TotalMilliseconds / notes:F0} ms a note)"));
        return 0;
    }
}
