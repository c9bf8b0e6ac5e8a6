namespace AutomationFleet.Bots.IncidentReports.Tests.Deduplication;

/// <summary>
/// The hand-written reports of <c>duplicate-reports.tsv</c> and every pair of the same kind group among them, labelled
/// the same incident or not: the set the cascade's band was chosen on.
/// </summary>
internal static class LabelledReports
{
    public static IReadOnlyList<(string Group, string Incident, string Text)> Reports { get; } = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Deduplication", "duplicate-reports.tsv"))
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Skip(1)
        .Select(line => line.Split('\t'))
        .Select(cells => (cells[0], cells[1], cells[2]))
        .ToList();

    public static IReadOnlyList<(string A, string B, bool Same)> Pairs { get; } = Reports
        .SelectMany((a, i) => Reports.Skip(i + 1).Where(b => b.Group == a.Group).Select(b => (a.Text, b.Text, a.Incident == b.Incident)))
        .ToList();
}
