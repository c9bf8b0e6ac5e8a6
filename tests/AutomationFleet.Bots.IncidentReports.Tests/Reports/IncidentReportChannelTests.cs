using System.Text;
using AutomationFleet.Bots.IncidentReports.Reports;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;

namespace AutomationFleet.Bots.IncidentReports.Tests.Reports;

/// <summary>The ways a report reaches the bot besides the web form: a folder file, an e-mail, a letter from inbound post.</summary>
public sealed class IncidentReportChannelTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-report-channels-").FullName;
    private readonly FileBlobStore _blobs;

    public IncidentReportChannelTests() => _blobs = new FileBlobStore(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Read_FolderFile_ReadsTheAttachedJson()
    {
        var file = await PutAsync("report.json", "application/json", """{"kind":"pothole","description":"Hole in the road."}""");

        var report = IncidentReportReader.Read(Item("{}", file), _blobs);

        Assert.Equal(ReportChannels.Folder, report.Channel);
        Assert.Equal("pothole", report.Kind);
    }

    [Fact]
    public async Task Read_Email_SubjectAndBodyAreTheWordsAndTheSenderTheReporter()
    {
        var body = await PutAsync("body.txt", "text/plain", "There is a fallen tree across Albert Lane, Ashby.");
        var mail = new InboundMailPayload(
            "imap", "reports@council.example/INBOX", "m1@example", "resident@example.org", "hash", null, "Tree down",
            new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero), 100, "Processed",
            [new InboundMailPart(InboundMailPart.BodyRole, body.Name, body.MediaType, body.ContentHash, body.Length)], []);

        var report = IncidentReportReader.Read(Item(mail.ToJson(), body), _blobs);

        Assert.Equal(ReportChannels.Email, report.Channel);
        Assert.Equal("Tree down\nThere is a fallen tree across Albert Lane, Ashby.", report.Description);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero), report.OccurredAt);
        Assert.Equal("resident@example.org", report.Reporter!.Email);
        Assert.Null(report.Kind);
    }

    [Fact]
    public void Read_LetterFromInboundPost_TheLettersWordsPostcodeAndOcrFlag()
    {
        var handoff = HandoffJson.Serialize(new Handoff("inbox:scan-1", "inbound-post", "highways", 0.99, [],
        [
            new HandoffField(HandoffFieldNames.Postcode, "QW1 7DU", 0.9, HandoffOrigins.Ocr, 1),
            new HandoffField(HandoffFieldNames.Text, "Pothole outside 14 Albert Avenue.", 1, HandoffOrigins.Ocr),
        ]));

        var report = IncidentReportReader.Read(Item(handoff), _blobs);

        Assert.Equal(ReportChannels.Letter, report.Channel);
        Assert.True(report.ReadByOcr);
        Assert.Equal("QW1 7DU", report.Place!.Postcode);
        Assert.Equal("Pothole outside 14 Albert Avenue.", report.Description);
        Assert.Equal("inbox:scan-1", report.SourceReference);
    }

    [Fact]
    public void Read_LetterWithoutText_RefusedNamingTheTextField()
    {
        var handoff = HandoffJson.Serialize(new Handoff("inbox:scan-2", "inbound-post", "highways", 0.99, [], []));

        var exception = Assert.Throws<IncidentReportFormatException>(() => IncidentReportReader.Read(Item(handoff), _blobs));

        Assert.Equal("text", exception.Field);
    }

    [Fact]
    public void Read_NothingAReportCouldBe_RefusedSayingWhatItAccepts()
    {
        var exception = Assert.Throws<IncidentReportFormatException>(() => IncidentReportReader.Read(Item("""{"hello":"world"}"""), _blobs));

        Assert.Contains("neither an incident report", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusReader_WebFormOrLetterFromInboundPost_ThePlacesPostcodeOrTheLettersFields()
    {
        // The public status page checks a report by the postcode its reporter gave for the place (issue 14).
        var reader = CreateStatusReader();
        var letter = HandoffJson.Serialize(new Handoff("inbox:scan-2", "inbound-post", "highways", 0.99, [],
        [
            new HandoffField(HandoffFieldNames.Postcode, "QW1 7DU", 0.9, HandoffOrigins.Ocr, 1),
            new HandoffField(HandoffFieldNames.DateOfBirth, "01/05/1953", 0.9, HandoffOrigins.Ocr, 1),
        ]));

        var form = reader.Read(Item("""{"kind":"pothole","place":{"postcode":"AB1 2CD"}}"""));
        var handedOver = reader.Read(Item(letter));
        var unreadable = reader.Read(Item("not json"));

        Assert.Equal(["AB1 2CD"], form.Postcodes);
        Assert.Empty(form.DatesOfBirth);
        Assert.Equal(["QW1 7DU"], handedOver.Postcodes);
        Assert.Equal([new DateOnly(1953, 5, 1)], handedOver.DatesOfBirth);
        Assert.Same(Core.PublicStatus.PublicItemFacts.None, unreadable);
    }

    [Fact]
    public void StatusReader_AllocatedOutcome_TheAllocatedTeamsNameNeverTheAssignee()
    {
        // Allocated to Highways North's first inspector: the citizen sees the team's name, not the configured service.
        var outcome = System.Text.Json.JsonSerializer.Serialize(
            new IncidentOutcome(
                IncidentActionsDecided.Open, "INC-1", "pothole", "road-surface", "urgent", "highways-north", "hn-01", "area-north",
                DateTimeOffset.UnixEpoch.AddDays(2), false, "North", null, null, null, null, DateTimeOffset.UnixEpoch, "Pothole, Albert Avenue", "A hole."),
            IncidentReportBot.JsonOptions);
        var reader = CreateStatusReader();

        var allocated = reader.Read(Item("""{"kind":"pothole","place":{"postcode":"AB1 2CD"}}""") with { OutcomeJson = outcome });
        var unknownTeam = reader.Read(Item("""{"kind":"pothole","place":{"postcode":"AB1 2CD"}}""") with { OutcomeJson = outcome.Replace("highways-north", "no-such-team", StringComparison.Ordinal) });
        var notYet = reader.Read(Item("""{"kind":"pothole","place":{"postcode":"AB1 2CD"}}"""));

        Assert.Equal("Highways North", allocated.Service);
        Assert.Equal(["AB1 2CD"], allocated.Postcodes);
        Assert.Null(unknownTeam.Service);
        Assert.Null(notYet.Service);
    }

    private IncidentReportStatusReader CreateStatusReader()
    {
        var options = new IncidentReportsOptions
        {
            AllocationPath = IncidentTestKit.Shipped("config/incidents/allocation.json"),
            GazetteerPath = IncidentTestKit.Shipped("config/incidents/gazetteer.csv"),
            PersonTeamsPath = null,
        };
        return new IncidentReportStatusReader(Microsoft.Extensions.Options.Options.Create(options), _blobs, IncidentReferenceData.Load(options));
    }

    private async Task<AttachmentRef> PutAsync(string name, string mediaType, string content) =>
        await _blobs.PutAsync(name, mediaType, new MemoryStream(Encoding.UTF8.GetBytes(content)), CancellationToken.None);

    private static WorkItem Item(string payload, params AttachmentRef[] attachments) => new(
        1, "incident-reports", "item-1", payload, attachments, 0, null, WorkItemState.InProgress, 1, "test", null, null, null, null, null, null,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
