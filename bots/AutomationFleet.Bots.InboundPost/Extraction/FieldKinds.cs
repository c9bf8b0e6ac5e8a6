namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>The built-in kinds of <see cref="ExtractedField"/>.</summary>
public static class FieldKinds
{
    /// <summary>A UK postcode, normalised to "AA9A 9AA" form (or "BFPO 123").</summary>
    public const string Postcode = "Postcode";

    /// <summary>A date of birth, as "yyyy-MM-dd".</summary>
    public const string DateOfBirth = "DateOfBirth";

    /// <summary>An NHS number that passes the modulus-11 check, as ten digits.</summary>
    public const string NhsNumber = "NhsNumber";

    /// <summary>An e-mail address, domain in lower case.</summary>
    public const string Email = "Email";

    /// <summary>A UK phone number in E.164 form (+44...).</summary>
    public const string Phone = "Phone";

    /// <summary>All built-in kinds; configured reference patterns may not reuse these names.</summary>
    public static IReadOnlyList<string> All { get; } = [Postcode, DateOfBirth, NhsNumber, Email, Phone];
}
