namespace AutomationFleet.Samples.CaseManagement;

/// <summary>The NHS number's modulus-11 check digit (NHS Data Dictionary).</summary>
public static class NhsNumber
{
    /// <summary>The check digit for nine digits, or null when the remainder gives 10 (such a number is never issued).</summary>
    public static int? CheckDigit(ReadOnlySpan<char> nineDigits)
    {
        if (nineDigits.Length != 9)
        {
            throw new ArgumentException("An NHS number has nine digits before its check digit.", nameof(nineDigits));
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (nineDigits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    /// <summary>Whether ten digits end in their right check digit.</summary>
    public static bool IsValid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 10 && value.All(char.IsAsciiDigit) && CheckDigit(value.AsSpan(0, 9)) == value[9] - '0';
    }
}
