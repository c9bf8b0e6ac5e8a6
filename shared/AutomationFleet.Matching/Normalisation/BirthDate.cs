using System.Globalization;

namespace AutomationFleet.Matching.Normalisation;

/// <summary>
/// A date of birth whose parts may be unknown (0): extracts often hold a year and month only. Reads YYYY-MM-DD,
/// YYYYMMDD and the UK's DD/MM/YYYY (also with '-', '.' or ' '); a part written NA, ?, or left empty is unknown.
/// </summary>
public readonly record struct BirthDate(int Year, int Month, int Day)
{
    /// <summary>No date at all.</summary>
    public static BirthDate Unknown => default;

    /// <summary>True when year, month and day are all known.</summary>
    public bool IsComplete => Year != 0 && Month != 0 && Day != 0;

    /// <summary>True when no part is known.</summary>
    public bool IsUnknown => Year == 0 && Month == 0 && Day == 0;

    /// <summary>
    /// Reads <paramref name="text"/>. Returns false only for a date that cannot exist (30 February, month 13) or text
    /// that is not a date; an empty or all-unknown value is <see cref="Unknown"/> and returns true.
    /// </summary>
    public static bool TryParse(string? text, out BirthDate date)
    {
        date = Unknown;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return true;
        }

        var parts = trimmed.Split(['-', '/', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        int year, month, day;
        if (parts.Length == 1 && parts[0].Length == 8 && parts[0].All(char.IsAsciiDigit))
        {
            year = int.Parse(parts[0].AsSpan(0, 4), CultureInfo.InvariantCulture);
            month = int.Parse(parts[0].AsSpan(4, 2), CultureInfo.InvariantCulture);
            day = int.Parse(parts[0].AsSpan(6, 2), CultureInfo.InvariantCulture);
        }
        else if (parts.Length == 3)
        {
            var yearFirst = parts[0].Length == 4 || (parts[2].Length != 4 && IsUnknownPart(parts[2]) && !IsUnknownPart(parts[0]) && parts[0].Length > 2);
            if (!TryPart(yearFirst ? parts[0] : parts[2], out year)
                || !TryPart(parts[1], out month)
                || !TryPart(yearFirst ? parts[2] : parts[0], out day))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (year != 0 && (year < 1850 || year > 2100))
        {
            return false;
        }

        if (month > 12 || day > 31)
        {
            return false;
        }

        if (year != 0 && month != 0 && day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (year == 0 && month != 0 && day > DateTime.DaysInMonth(2000, month))
        {
            return false;
        }

        date = new BirthDate(year, month, day);
        return true;
    }

    /// <summary>The date as YYYYMMDD digits (only meaningful when <see cref="IsComplete"/>).</summary>
    public int Digits => (Year * 10000) + (Month * 100) + Day;

    private static bool IsUnknownPart(string part) => part is "NA" or "na" or "?" or "00" or "0" or "0000";

    private static bool TryPart(string part, out int value)
    {
        value = 0;
        if (IsUnknownPart(part))
        {
            return true;
        }

        return part.Length <= 4 && part.All(char.IsAsciiDigit) && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
