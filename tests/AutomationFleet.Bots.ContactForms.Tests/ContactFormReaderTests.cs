using System.Text;
using AutomationFleet.Bots.ContactForms.Forms;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;

namespace AutomationFleet.Bots.ContactForms.Tests;

public sealed class ContactFormReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-forms-").FullName;
    private readonly FileBlobStore _blobs;

    public ContactFormReaderTests() => _blobs = new FileBlobStore(Path.Combine(_root, "blobs"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Read_WebFormPayload_PersonAndMessageTrimmed()
    {
        var form = ContactFormReader.Read(Item("""{"person":{"givenName":" Elena ","surname":"Mills","dateOfBirth":"20/11/1954"},"message":" Please call. "}"""), _blobs);

        Assert.Equal((FormChannel.Web, "Elena", "Mills", "20/11/1954", "Please call.", false),
            (form.Channel, form.Person.GivenName, form.Person.Surname, form.Person.DateOfBirth, form.Message, form.ReadByOcr));
    }

    [Fact]
    public async Task Read_FolderFile_ReadFromTheAttachment()
    {
        var json = """{"person":{"surname":"Mills","email":"elena@example.org"},"message":"Hello"}""";
        var attachment = await _blobs.PutAsync("form.json", "application/json", new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);

        var form = ContactFormReader.Read(Item("""{"source":"inbox","attachment":0}""", attachment), _blobs);

        Assert.Equal((FormChannel.Folder, "Mills", "elena@example.org"), (form.Channel, form.Person.Surname, form.Person.Email));
    }

    [Fact]
    public void Read_HandoffFromOcrLetter_FieldsAndReadByOcr()
    {
        var handoff = new Core.Handoff.Handoff("inbox:abc", "inbound-post", "adult-social-care-contact", 0.99, [],
            [new HandoffField(HandoffFieldNames.NhsNumber, "999 411 4360", 0.9, HandoffOrigins.Ocr, 1), new HandoffField(HandoffFieldNames.DateOfBirth, "1954-11-20", 0.8, HandoffOrigins.Ocr, 1)]);

        var form = ContactFormReader.Read(Item(HandoffJson.Serialize(handoff)), _blobs);

        Assert.Equal((FormChannel.Letter, "999 411 4360", "1954-11-20", true, "inbox:abc"),
            (form.Channel, form.Person.NhsNumber, form.Person.DateOfBirth, form.ReadByOcr, form.SourceReference));
        Assert.Contains("inbox:abc", form.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"person":{},"message":"x"}""", "names no one")]
    [InlineData("""{"person":{"surname":"Mills"}}""", "no \"message\"")]
    [InlineData("""{"something":"else"}""", "neither a web form")]
    [InlineData("""{"sourceReference":"r","sourceBot":"inbound-post","documents":[],"fields":[]}""", "names no one the bot can look for")]
    public void Read_NotAForm_ThrowsSayingWhy(string payload, string expected)
    {
        var exception = Assert.ThrowsAny<Exception>(() => ContactFormReader.Read(Item(payload), _blobs));

        Assert.True(exception is ContactFormFormatException or HandoffFormatException);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    internal static WorkItem Item(string payload, params AttachmentRef[] attachments) => new(
        1, "contact-forms", "form-1", payload, attachments, 0, null, WorkItemState.InProgress, 1, "test", null, null, null, null, null, null,
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
}
