using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Tests.Handoff;

public sealed class HandoffJsonTests
{
    [Fact]
    public void Parse_SerializedHandoff_RoundTrips()
    {
        var handoff = new Core.Handoff.Handoff(
            "post-1", "inbound-post", "adult-social-care-contact", 0.97,
            [new AttachmentRef("letter.pdf", "application/pdf", new string('a', 64), 1200)],
            [new HandoffField(HandoffFieldNames.NhsNumber, "943 476 5919", 0.9, HandoffOrigins.Ocr, 1)]);

        var read = HandoffJson.Parse(HandoffJson.Serialize(handoff));

        Assert.Equal(handoff.SourceReference, read.SourceReference);
        Assert.Equal(handoff.Category, read.Category);
        Assert.Equal(handoff.Documents, read.Documents);
        Assert.Equal(handoff.Fields, read.Fields);
        Assert.Equal("943 476 5919", read.FieldsOf("NHS-NUMBER").Single().Value);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("null", "empty")]
    [InlineData("{\"sourceBot\":\"x\",\"documents\":[],\"fields\":[]}", "sourceReference")]
    [InlineData("{\"sourceReference\":\"r\",\"sourceBot\":\"x\",\"documents\":[]}", "fields")]
    [InlineData("{\"sourceReference\":\"r\",\"sourceBot\":\"x\",\"documents\":[],\"fields\":[{\"name\":\"email\",\"value\":\"a@b\",\"confidence\":2,\"origin\":\"ocr\"}]}", "fields[0]")]
    public void Parse_Malformed_ThrowsSayingWhat(string json, string expected)
    {
        var exception = Assert.Throws<HandoffFormatException>(() => HandoffJson.Parse(json));

        Assert.Contains(expected, exception.Message);
    }
}
