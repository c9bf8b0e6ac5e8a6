using AutomationFleet.Connectors.CaseNotes;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.CaseNoteWorker;

/// <summary>Writes one note, then holds before recording it (the window a crash test kills the process in).</summary>
internal static class WriteMode
{
    public static async Task<int> RunAsync(ICaseNoteWriter writer, IConfiguration configuration)
    {
        var result = await writer.WriteAsync(
            configuration["CaseRecordId"] ?? throw new InvalidOperationException("--CaseRecordId is required."),
            configuration["Reference"] ?? throw new InvalidOperationException("--Reference is required."),
            configuration["Text"] ?? "Contact form received; see the fleet for the form.",
            CancellationToken.None);
        Console.WriteLine($"status={result.Status}");
        var hold = TimeSpan.Parse(configuration["HoldAfterWrite"] ?? "00:00:00", System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(hold);
        if (configuration["RecordFile"] is { } record)
        {
            await File.WriteAllTextAsync(record, result.Status.ToString());
        }

        return 0;
    }
}
