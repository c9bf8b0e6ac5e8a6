using PhoneNumbers;

namespace AutomationFleet.Matching.Normalisation;

/// <summary>
/// Phone numbers in E.164 (+447700900123) through libphonenumber, with the UK as the default region, so 07700 900123,
/// +44 7700 900123 and 0044-7700-900123 compare equal. A number libphonenumber cannot parse keeps its digits.
/// </summary>
public static class PhoneNumberNormaliser
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164, its bare digits when it cannot be parsed, or "" when it has fewer than 6 digits.</summary>
    public static string Normalise(string? text, string defaultRegion = "GB")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 6)
        {
            return "";
        }

        try
        {
            var number = Util.Parse(text, defaultRegion);
            return Util.IsPossibleNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : digits;
        }
        catch (NumberParseException)
        {
            return digits;
        }
    }
}
