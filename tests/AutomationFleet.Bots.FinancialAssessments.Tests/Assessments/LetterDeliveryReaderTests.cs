using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Tests.Letters;

namespace AutomationFleet.Bots.FinancialAssessments.Tests.Assessments;

/// <summary>The document's <c>delivery</c> block: post by default, e-mail with the addresses given, anything else refused naming the field.</summary>
public sealed class LetterDeliveryReaderTests
{
    private static readonly string Document = ChargeLetterWriterTests.Sample("FA-2");

    [Fact]
    public void Read_NoDeliveryBlock_Post() => Assert.Equal(LetterDelivery.Post, AssessmentReader.Read(Document).Delivery);

    [Fact]
    public void Read_PostSaid_Post() =>
        Assert.Equal(LetterDelivery.Post, AssessmentReader.Read(BotTestKit.WithDelivery(Document, """{ "method": "post" }""")).Delivery);

    [Fact]
    public void Read_EmailWithCopy_BothAddresses()
    {
        var delivery = AssessmentReader.Read(
            BotTestKit.WithDelivery(Document, """{ "method": "email", "email": " a.example@example.org ", "copyTo": "sw.team@council.example" }""")).Delivery;

        Assert.Equal(new LetterDelivery(DeliveryMethod.Email, "a.example@example.org", "sw.team@council.example"), delivery);
    }

    [Theory]
    [InlineData("""{ "method": "email" }""", "delivery.email", "is missing: an e-mail letter needs the address")]
    [InlineData("""{ "method": "email", "email": null }""", "delivery.email", "is missing: an e-mail letter needs the address")]
    [InlineData("""{ "method": "email", "email": "" }""", "delivery.email", "must be a non-empty string")]
    [InlineData("""{ "method": "email", "email": 42 }""", "delivery.email", "must be a non-empty string")]
    [InlineData("""{ "method": "email", "email": "not an address" }""", "delivery.email", "must be an e-mail address")]
    [InlineData("""{ "method": "email", "email": "Mrs A <a@example.org>" }""", "delivery.email", "must be an e-mail address")]
    [InlineData("""{ "method": "email", "email": "a@example.org", "copyTo": "social worker" }""", "delivery.copyTo", "must be an e-mail address")]
    [InlineData("""{ "method": "fax" }""", "delivery.method", "must be \"email\" or \"post\", not \"fax\"")]
    [InlineData("""{ "email": "a@example.org" }""", "delivery.method", "is missing")]
    [InlineData("""{ "method": "post", "email": "a@example.org" }""", "delivery.email", "is only used when delivery.method is \"email\"")]
    [InlineData("""{ "method": "email", "email": "a@example.org", "cc": "b@example.org" }""", "delivery.cc", "is not a field of delivery")]
    [InlineData("\"email\"", "delivery", "must be an object")]
    public void Read_BadDeliveryBlock_ErrorNamesTheField(string delivery, string field, string message)
    {
        var exception = Assert.Throws<AssessmentInputException>(() => AssessmentReader.Read(BotTestKit.WithDelivery(Document, delivery)));

        Assert.Contains(exception.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }
}
