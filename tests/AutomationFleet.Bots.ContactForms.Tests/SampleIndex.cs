using AutomationFleet.Matching.Index;
using AutomationFleet.Matching.Records;

namespace AutomationFleet.Bots.ContactForms.Tests;

/// <summary>The person index of the sample case-record extract, built once for the test run.</summary>
internal static class SampleIndex
{
    private static readonly Lazy<PersonIndex> Built = new(() => PersonIndexFile.BuildFromExtract(ExtractPath));

    public static string ExtractPath => Repository.File("samples", "case-records", "people.csv");

    public static PersonIndex Index => Built.Value;

    public static IReadOnlyList<PersonRecord> Records => Index.Records;

    public static PersonIndexFinder Finder()
    {
        var holder = new PersonIndexHolder();
        holder.Use(Index);
        return new PersonIndexFinder(holder);
    }
}
