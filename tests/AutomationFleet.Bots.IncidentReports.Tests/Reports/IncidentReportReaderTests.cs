using AutomationFleet.Bots.IncidentReports.Reports;

namespace AutomationFleet.Bots.IncidentReports.Tests.Reports;

public sealed class IncidentReportReaderTests
{
    [Fact]
    public void Parse_FullWebForm_ReadsEveryPart()
    {
        var report = IncidentReportReader.Parse(
            """
            {"kind":"Pothole","severity":"routine","occurredAt":"2026-12-01T08:15:00Z","reportedAt":"2026-12-01T09:00:00Z",
             "place":{"postcode":" AB1 2CD ","address":"14 Mill Lane","latitude":52.1,"longitude":-1.2},
             "reporter":{"name":"A Reporter","email":"a@example.org"},
             "description":"  Deep pothole outside number 14.  "}
            """,
            ReportChannels.Web);

        Assert.Equal("pothole", report.Kind);
        Assert.Equal("routine", report.Severity);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 15, 0, TimeSpan.Zero), report.OccurredAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), report.ReportedAt);
        Assert.Equal("AB1 2CD", report.Place!.Postcode);
        Assert.Equal(52.1, report.Place.Latitude);
        Assert.Equal("Deep pothole outside number 14.", report.Description);
        Assert.Equal("a@example.org", report.Reporter!.Email);
    }

    [Theory]
    [InlineData("{\"description\":\"x\",\"occurredAt\":\"yesterday\"}", "occurredAt")]
    [InlineData("{\"description\":\"x\",\"place\":{\"latitude\":\"north\",\"longitude\":1}}", "place.latitude")]
    [InlineData("{\"description\":\"x\",\"place\":{\"latitude\":91,\"longitude\":1}}", "place.latitude")]
    [InlineData("{\"description\":\"x\",\"place\":{\"latitude\":52}}", "place.longitude")]
    [InlineData("{\"kind\":\"pothole\"}", "description")]
    [InlineData("{\"description\":\"   \"}", "description")]
    public void Parse_BadField_NamesTheField(string json, string field)
    {
        var exception = Assert.Throws<IncidentReportFormatException>(() => IncidentReportReader.Parse(json, ReportChannels.Web));

        Assert.Equal(field, exception.Field);
        Assert.StartsWith($"{field}: ", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"description\":\"x\"")]
    [InlineData("not json at all")]
    [InlineData("null")]
    public void Parse_MalformedJson_SaysSoWithoutAField(string json)
    {
        var exception = Assert.Throws<IncidentReportFormatException>(() => IncidentReportReader.Parse(json, ReportChannels.Web));

        Assert.Null(exception.Field);
    }
}
