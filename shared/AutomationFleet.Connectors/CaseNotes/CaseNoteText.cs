namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>The reference line that makes a note recognisable: how it is added and how it is found.</summary>
public static class CaseNoteText
{
    /// <summary>The reference line for <paramref name="reference"/> in the configured format.</summary>
    public static string ReferenceLine(string format, string reference)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.Replace("{Reference}", reference, StringComparison.Ordinal);
    }

    /// <summary>The text with the reference line as its last line.</summary>
    public static string Compose(string text, string referenceLine)
    {
        ArgumentNullException.ThrowIfNull(text);
        return $"{text.TrimEnd()}\n\n{referenceLine}";
    }

    /// <summary>Whether one of the notes has the reference line as a whole line (a longer reference is not a match).</summary>
    public static bool AnyCarries(IEnumerable<string> notes, string referenceLine)
    {
        ArgumentNullException.ThrowIfNull(notes);
        return notes.Any(note => note.Split('\n').Any(line => string.Equals(line.Trim(), referenceLine, StringComparison.Ordinal)));
    }
}
