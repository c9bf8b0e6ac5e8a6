namespace AutomationFleet.Bots.IncidentReports.Tests;

public sealed class IncidentReportsOptionsValidatorTests
{
    [Fact]
    public void Validate_UnrelatedOverlapAboveClear_FailureNamesBothSettings()
    {
        var options = Shipped();
        options.DuplicateWordOverlapUnrelated = 0.6;
        options.DuplicateWordOverlapClear = 0.4;

        var result = new IncidentReportsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains("IncidentReports:DuplicateWordOverlapUnrelated", failure, StringComparison.Ordinal);
        Assert.Contains("IncidentReports:DuplicateWordOverlapClear", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShippedDefaults_Succeeds()
    {
        Assert.True(new IncidentReportsOptionsValidator().Validate(null, Shipped()).Succeeded);
    }

    private static IncidentReportsOptions Shipped() => new()
    {
        AllocationPath = IncidentTestKit.Shipped("config/incidents/allocation.json"),
        GazetteerPath = IncidentTestKit.Shipped("config/incidents/gazetteer.csv"),
        PersonTeamsPath = null,
    };
}
