using System.Text.RegularExpressions;

namespace AutomationFleet.Bots.IncidentReports.Triage;

/// <summary>
/// Words that mean a person must see a report before anything is automatic: a possible safeguarding concern, a serious
/// injury or a death. Deliberately broad: a false alarm costs a reviewer a minute, a missed one can cost far more.
/// </summary>
public static partial class HarmCues
{
    /// <summary>The cues found in <paramref name="text"/>, lower-case, each once, in order of appearance.</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Cues().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();
    }

    [GeneratedRegex(
        @"\b(safeguarding|abuse[ds]?|abusive|neglect(ed)?|assault(ed)?|hit (him|her|them)|bruis(e|es|ed|ing)|exploit(ed|ation)|"
        + @"self[- ]harm|suicid(e|al)|unexplained injur(y|ies)|serious(ly)? injur(ed|y|ies)|fracture[ds]?|broken (hip|leg|arm|bone)|"
        + @"head injury|unconscious|hospitali[sz]ed|ambulance|died|death|fatal(ity)?|missing person|went missing)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Cues();
}
