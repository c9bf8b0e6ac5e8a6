using System.Text;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// Reads RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes may hold
/// commas, line breaks and doubled quotes (<c>""</c> is one quote). Blank lines are skipped.
/// </summary>
public static class CsvRecordReader
{
    private enum State
    {
        StartOfField,
        Unquoted,
        Quoted,
        AfterClosingQuote,
    }

    public static IEnumerable<IReadOnlyList<string>> ReadRecords(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        var state = State.StartOfField;
        var line = 1;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (state == State.Quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        state = State.AfterClosingQuote;
                    }
                }
                else
                {
                    line += ch == '\n' ? 1 : 0;
                    field.Append(ch);
                }

                continue;
            }

            if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                state = State.StartOfField;
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                line++;
                var blankLine = fields.Count == 0 && field.Length == 0 && state == State.StartOfField;
                if (!blankLine)
                {
                    fields.Add(field.ToString());
                    yield return fields.ToArray();
                }

                fields.Clear();
                field.Clear();
                state = State.StartOfField;
            }
            else if (ch == '"')
            {
                if (state != State.StartOfField)
                {
                    throw new FormatException($"Unexpected quote inside a field on line {line}.");
                }

                state = State.Quoted;
            }
            else
            {
                if (state == State.AfterClosingQuote)
                {
                    throw new FormatException($"Unexpected character after a closing quote on line {line}.");
                }

                field.Append(ch);
                state = State.Unquoted;
            }
        }

        if (state == State.Quoted)
        {
            throw new FormatException($"The input ends inside a quoted field (line {line}).");
        }

        if (fields.Count > 0 || field.Length > 0 || state != State.StartOfField)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }
}
