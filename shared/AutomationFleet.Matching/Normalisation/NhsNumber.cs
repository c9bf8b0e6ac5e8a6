namespace AutomationFleet.Matching.Normalisation;

/// <summary>NHS numbers: ten digits whose last is a modulus-11 check digit over the first nine.</summary>
public static class NhsNumber
{
    /// <summary>True when <paramref name="digits"/> is ten digits with a correct check digit.</summary>
    public static bool IsValid(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        // A remainder giving 10 is never issued: such a number is invalid.
        return check != 10 && check == digits[9] - '0';
    }

    /// <summary>
    /// The ten digits of a valid NHS number (spaces and dashes removed), or "" when there is none or it fails the check
    /// digit: a mistyped number must not count as a disagreement worth evidence, so it is treated as missing.
    /// </summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        // Already the ten digits (most extracts): keep the record's own string rather than a copy per person.
        if (IsValid(text))
        {
            return text;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return IsValid(digits) ? digits : "";
    }
}
