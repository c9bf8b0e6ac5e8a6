namespace AutomationFleet.Bots.ContactForms.Forms;

/// <summary>One contact form, however it arrived.</summary>
/// <param name="Channel">How it arrived: <see cref="FormChannel"/>.</param>
/// <param name="Person">The person it is about.</param>
/// <param name="Message">What the sender wrote (becomes the case note); personal data, never logged.</param>
/// <param name="ReadByOcr">The person's fields were read from a scan by OCR, so a misread character is possible.</param>
/// <param name="SourceReference">The upstream item's reference, for a form handed over by another bot.</param>
public sealed record ContactForm(string Channel, FormPerson Person, string Message, bool ReadByOcr, string? SourceReference = null);

/// <summary>The ways a form arrives.</summary>
public static class FormChannel
{
    /// <summary>Posted as JSON by the council's online form to the intake endpoint.</summary>
    public const string Web = "web";

    /// <summary>A JSON file dropped in the watched folder.</summary>
    public const string Folder = "folder";

    /// <summary>A letter handed over by the inbound-post bot.</summary>
    public const string Letter = "letter";
}
