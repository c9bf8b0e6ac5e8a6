namespace AutomationFleet.Core.Handoff;

/// <summary>One extracted field of a hand-off. The value may be personal data: never log it.</summary>
/// <param name="Name">The field's kind, from <see cref="HandoffFieldNames"/> where one fits (lower-case, hyphenated).</param>
/// <param name="Value">The value as read.</param>
/// <param name="Confidence">How sure the reader was of the value, in [0, 1].</param>
/// <param name="Origin">How the value was obtained (<see cref="HandoffOrigins"/>): downstream bots trust a typed form more than OCR.</param>
/// <param name="Page">The page it was read on, for documents.</param>
public sealed record HandoffField(string Name, string Value, double Confidence, string Origin, int? Page = null);

/// <summary>The field names bots agree on.</summary>
public static class HandoffFieldNames
{
    /// <summary>A reference the sender quoted (a case or account number).</summary>
    public const string Reference = "reference";

    /// <summary>The person's given name.</summary>
    public const string GivenName = "given-name";

    /// <summary>The person's surname.</summary>
    public const string Surname = "surname";

    /// <summary>The person's date of birth, as read.</summary>
    public const string DateOfBirth = "date-of-birth";

    /// <summary>A postal address, one line.</summary>
    public const string Address = "address";

    /// <summary>A UK postcode.</summary>
    public const string Postcode = "postcode";

    /// <summary>A telephone number.</summary>
    public const string Phone = "phone";

    /// <summary>An e-mail address.</summary>
    public const string Email = "email";

    /// <summary>An NHS number (ten digits, modulus-11 check digit).</summary>
    public const string NhsNumber = "nhs-number";

    /// <summary>
    /// The document's own words (as read, the first few thousand characters), for a bot that reads the matter from the
    /// text, such as the incident-report bot reading what happened and where.
    /// </summary>
    public const string Text = "text";
}

/// <summary>How a field's value was obtained.</summary>
public static class HandoffOrigins
{
    /// <summary>Recognised by OCR on a scan: characters may be misread.</summary>
    public const string Ocr = "ocr";

    /// <summary>Found in a document's own text (a text PDF, an e-mail body).</summary>
    public const string Text = "text";

    /// <summary>Typed by the sender into a form field.</summary>
    public const string Form = "form";

    /// <summary>Set or confirmed by a reviewer.</summary>
    public const string Reviewer = "reviewer";
}
