using System.Text;
using MimeKit;

namespace AutomationFleet.Connectors.Tests.Mail;

/// <summary>Inbound letters as a citizen's mail program would send them.</summary>
public static class TestMessages
{
    public const string SenderAddress = "jane.citizen@example.org";

    /// <summary>A small but well-formed one-page PDF.</summary>
    public static byte[] Pdf(string text) => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
        + $"4 0 obj<</Length {text.Length + 30}>>stream\nBT /F1 12 Tf 72 720 Td ({text}) Tj ET\nendstream endobj\n"
        + "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static MimeMessage WithPdf(string messageId, string pdfText = "Blue Badge renewal form")
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Jane Citizen", SenderAddress));
        message.To.Add(new MailboxAddress("Post room", "post@council.example"));
        message.Subject = "My Blue Badge renewal";
        message.MessageId = messageId;
        message.Date = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
        var body = new BodyBuilder { TextBody = "Please find my renewal form attached.\nJane" };
        body.Attachments.Add("renewal form.pdf", Pdf(pdfText), new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }

    public static MimeMessage Plain(string messageId, string text)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Jane Citizen", SenderAddress));
        message.To.Add(new MailboxAddress("Post room", "post@council.example"));
        message.Subject = "A question";
        message.MessageId = messageId;
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    public static MimeMessage FromRaw(string raw) => MimeMessage.Load(new MemoryStream(Encoding.Latin1.GetBytes(raw)));
}
