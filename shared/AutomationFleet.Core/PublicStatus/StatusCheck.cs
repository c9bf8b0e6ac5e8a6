using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AutomationFleet.Core.PublicStatus;

/// <summary>
/// Compares the check a citizen typed on the status page (a postcode or a date of birth) with what the item holds, in
/// constant time over the normalised values, so the time taken says nothing about how close a guess was.
/// </summary>
public static class StatusCheck
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "dd-MM-yyyy", "d.M.yyyy", "d M yyyy", "d MMMM yyyy", "d MMM yyyy",
    ];

    /// <summary>A postcode with the spaces taken out, in capitals (<c>so7 4dt</c> → <c>SO74DT</c>).</summary>
    public static string NormalisePostcode(string? postcode)
    {
        var builder = new StringBuilder(8);
        foreach (var c in postcode ?? string.Empty)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>A date of birth in one of the forms people and forms write it (ISO, <c>12/03/1984</c>, <c>12 March 1984</c>), or null.</summary>
    public static DateOnly? ParseDate(string? text)
    {
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed)
            && DateOnly.TryParseExact(trimmed, DateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.None, out var date)
            ? date
            : null;
    }

    /// <summary>Whether the typed postcode matches one the item holds (every held one is compared, match or not).</summary>
    public static bool MatchesPostcode(PublicItemFacts facts, string? typed)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var wanted = Encoding.UTF8.GetBytes(NormalisePostcode(typed));
        var matched = false;
        foreach (var held in facts.Postcodes)
        {
            matched |= wanted.Length > 0 && CryptographicOperations.FixedTimeEquals(wanted, Encoding.UTF8.GetBytes(NormalisePostcode(held)));
        }

        return matched;
    }

    /// <summary>Whether the typed date of birth is one the item holds (every held one is compared, match or not).</summary>
    public static bool MatchesDateOfBirth(PublicItemFacts facts, DateOnly typed)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Span<byte> wanted = stackalloc byte[sizeof(int)];
        Span<byte> held = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(wanted, typed.DayNumber);
        var matched = false;
        foreach (var date in facts.DatesOfBirth)
        {
            BitConverter.TryWriteBytes(held, date.DayNumber);
            matched |= CryptographicOperations.FixedTimeEquals(wanted, held);
        }

        return matched;
    }
}
