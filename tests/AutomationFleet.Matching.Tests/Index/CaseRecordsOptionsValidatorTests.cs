using AutomationFleet.Matching.Index;

namespace AutomationFleet.Matching.Tests.Index;

public sealed class CaseRecordsOptionsValidatorTests
{
    [Fact]
    public void Validate_ExistingExtractAndMapping_Succeeds()
    {
        var options = new CaseRecordsOptions { Path = SampleExtract.Path, ColumnMapPath = SampleExtract.ColumnMapPath };

        var result = CreateSut().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_EverySettingBad_ReportsEachByItsPath()
    {
        var options = new CaseRecordsOptions
        {
            Path = "no/such/people.csv",
            ColumnMapPath = "no/such/columns.json",
            IndexPath = " ",
            RefreshInterval = TimeSpan.Zero,
        };

        var result = CreateSut().Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Collection(
            result.Failures!,
            f => Assert.StartsWith("CaseRecords:Path is 'no/such/people.csv', which does not exist", f, StringComparison.Ordinal),
            f => Assert.StartsWith("CaseRecords:ColumnMapPath is 'no/such/columns.json', which does not exist", f, StringComparison.Ordinal),
            f => Assert.StartsWith("CaseRecords:IndexPath is empty", f, StringComparison.Ordinal),
            f => Assert.StartsWith("CaseRecords:RefreshInterval is 00:00:00; it must be more than 0", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EmptyPathBlankMappingAndTooLongInterval_ReportsEach()
    {
        var options = new CaseRecordsOptions { Path = "", ColumnMapPath = "", RefreshInterval = TimeSpan.FromDays(31) };

        var result = CreateSut().Validate(null, options);

        Assert.Collection(
            result.Failures!,
            f => Assert.StartsWith("CaseRecords:Path is empty", f, StringComparison.Ordinal),
            f => Assert.StartsWith("CaseRecords:ColumnMapPath is blank", f, StringComparison.Ordinal),
            f => Assert.StartsWith("CaseRecords:RefreshInterval is 31.00:00:00", f, StringComparison.Ordinal));
    }

    private static CaseRecordsOptionsValidator CreateSut() => new();
}
