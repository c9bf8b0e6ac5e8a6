using System.Globalization;
using System.Text.RegularExpressions;

namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>
/// Finds dates of birth: only dates that start shortly after a cue ("date of birth", "DOB", "born"), read UK
/// day-first. Impossible dates, dates after the reference date and dates more than 130 years before it are rejected.
/// </summary>
internal static partial class DateOfBirthRecogniser
{
    private const int OldestAgeYears = 130;
    private const double FourDigitYear = 0.95;
    private const double TwoDigitYear = 0.85;
    private const double FarFromCue = 0.95;
    private const int NearCue = 6;

    [GeneratedRegex(@"(?<![A-Za-z])(date\s+of\s+birth|birth\s*date|d\.\s?o\.\s?b\.?|dob|born(\s+on)?)(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CueRegex();

    [GeneratedRegex(
        @"(?<![0-9])(?<d>[0-9]{1,2})(?<sep>[/.\-])(?<m>[0-9]{1,2})\k<sep>(?<y>[0-9]{4}|[0-9]{2})(?![0-9])"
        + @"|(?<![0-9])(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})(?![0-9])"
        + @"|(?<![0-9])(?<d>[0-9]{1,2})(st|nd|rd|th)?\s+(of\s+)?(?<mon>[A-Za-z]{3,9})\.?,?\s+(?<y>[0-9]{4})(?![0-9])"
        + @"|(?<![A-Za-z])(?<mon>[A-Za-z]{3,9})\.?\s+(?<d>[0-9]{1,2})(st|nd|rd|th)?,?\s+(?<y>[0-9]{4})(?![0-9])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DateRegex();

    public static void Find(string text, int cueWindow, DateOnly referenceDate, List<FieldCandidate> found)
    {
        foreach (Match cue in CueRegex().Matches(text))
        {
            var windowStart = cue.Index + cue.Length;
            var windowLength = Math.Min(cueWindow + 40, text.Length - windowStart);
            var date = DateRegex().Match(text, windowStart, windowLength);
            while (date.Success && date.Index - windowStart <= cueWindow)
            {
                if (TryRead(date, referenceDate, out var value, out var confidence))
                {
                    if (date.Index - windowStart > NearCue)
                    {
                        confidence *= FarFromCue;
                    }

                    found.Add(new FieldCandidate(FieldKinds.DateOfBirth, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date.Index, date.Length, confidence));
                    break;
                }

                date = date.NextMatch();
            }
        }
    }

    private static bool TryRead(Match date, DateOnly referenceDate, out DateOnly value, out double confidence)
    {
        value = default;
        confidence = FourDigitYear;
        var day = int.Parse(date.Groups["d"].ValueSpan, CultureInfo.InvariantCulture);
        var yearText = date.Groups["y"].Value;
        var year = int.Parse(yearText, CultureInfo.InvariantCulture);
        int month;
        if (date.Groups["mon"].Success)
        {
            if (!TryMonth(date.Groups["mon"].Value, out month))
            {
                return false;
            }
        }
        else
        {
            month = int.Parse(date.Groups["m"].ValueSpan, CultureInfo.InvariantCulture);
        }

        if (yearText.Length == 2)
        {
            // The latest century that does not put the birth in the future.
            confidence = TwoDigitYear;
            year += referenceDate.Year / 100 * 100;
            if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || new DateOnly(year, month, day) > referenceDate)
            {
                year -= 100;
            }
        }

        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateOnly(year, month, day);
        return value <= referenceDate && value >= referenceDate.AddYears(-OldestAgeYears);
    }

    private static bool TryMonth(string name, out int month)
    {
        var lower = name.ToLowerInvariant();
        month = lower switch
        {
            "jan" or "january" => 1,
            "feb" or "february" => 2,
            "mar" or "march" => 3,
            "apr" or "april" => 4,
            "may" => 5,
            "jun" or "june" => 6,
            "jul" or "july" => 7,
            "aug" or "august" => 8,
            "sep" or "sept" or "september" => 9,
            "oct" or "october" => 10,
            "nov" or "november" => 11,
            "dec" or "december" => 12,
            _ => 0,
        };
        return month != 0;
    }
}
