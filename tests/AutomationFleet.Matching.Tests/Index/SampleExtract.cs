using AutomationFleet.Matching.Index;

namespace AutomationFleet.Matching.Tests.Index;

/// <summary>The sample case-record extract and its person index, built once for the test run.</summary>
internal static class SampleExtract
{
    private static readonly Lazy<PersonIndex> Built = new(() => PersonIndexFile.BuildFromExtract(Path));

    public static string Path => Repository.File("samples", "case-records", "people.csv");

    public static string ColumnMapPath => Repository.File("config", "case-records.columns.json");

    public static PersonIndex Index => Built.Value;
}
