using System.Globalization;
using AutomationFleet.Matching.Normalisation;
using CsvHelper;
using CsvHelper.Configuration;

namespace AutomationFleet.Matching.Records;

/// <summary>
/// Reads a CSV person file through a <see cref="ColumnMapping"/>. Extra columns are ignored and any field but the id
/// may be absent. Every fault is a <see cref="RecordFileException"/> naming the file, row and column.
/// </summary>
public sealed class PersonRecordReader
{
    private readonly RecordFileOptions _options;

    /// <summary>Creates a reader with the given limits (defaults when null).</summary>
    public PersonRecordReader(RecordFileOptions? options = null)
    {
        _options = options ?? new RecordFileOptions();
    }

    /// <summary>Reads every row of <paramref name="path"/>.</summary>
    public PersonRecordFile Read(string path, ColumnMapping? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        mapping ??= ColumnMapping.Standard;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new RecordFileException(path, null, null, "the file does not exist");
        }

        if (info.Length > _options.MaxFileBytes)
        {
            throw new RecordFileException(path, null, null, FormattableString.Invariant($"the file is {info.Length:N0} bytes, over the limit of {_options.MaxFileBytes:N0} bytes (RecordFileOptions.MaxFileBytes)"));
        }

        // A stray quote inside an unquoted value (O"Brien) is read as written. A quoted value that is not closed is not:
        // it swallows every later row into one value, and the rows would be lost without a word.
        string? brokenQuote = null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = true,
            BadDataFound = bad => brokenQuote ??= bad.Field.TrimStart().StartsWith('"') ? bad.Field : null,
            MissingFieldFound = null,
        };

        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, configuration);
        string[] header;
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                throw new RecordFileException(path, 1, null, "the file has no header row");
            }

            header = csv.HeaderRecord;
            if (brokenQuote is not null)
            {
                throw new RecordFileException(path, 1, null, BrokenQuoteReason);
            }
        }
        catch (CsvHelperException e)
        {
            throw new RecordFileException(path, 1, null, "the header row is not valid CSV", e);
        }

        var columns = PersonField.All.ToDictionary(f => f, f => Resolve(path, header, mapping, f), StringComparer.Ordinal);
        if (columns[PersonField.Id] is null)
        {
            throw new RecordFileException(path, 1, PersonField.Id, "the file has no id column; map one with {\"id\": \"<column>\"}");
        }

        var records = new List<PersonRecord>();
        var invalid = 0;
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var lastRow = csv.Parser.RawRow;
        while (true)
        {
            var firstRow = lastRow + 1;
            try
            {
                if (!csv.Read())
                {
                    break;
                }
            }
            catch (CsvHelperException e)
            {
                var column = e.Context?.Reader?.CurrentIndex is int index && index >= 0 && index < header.Length ? header[index] : null;
                throw new RecordFileException(path, e.Context?.Parser?.RawRow, column, "malformed CSV (" + FirstLine(e.Message) + ")", e);
            }

            // The parser reads a row's fields only when asked, and reports bad data then: ask before using any.
            var fields = csv.Parser.Record;
            if (brokenQuote is not null)
            {
                throw new RecordFileException(path, firstRow, ColumnOf(brokenQuote, fields, header), BrokenQuoteReason);
            }

            var row = csv.Parser.RawRow;
            lastRow = row;
            var id = Value(csv, columns[PersonField.Id]!, " ");
            if (id.Length == 0)
            {
                throw new RecordFileException(path, row, columns[PersonField.Id]![0], "the id is empty");
            }

            if (!seenIds.Add(id))
            {
                throw new RecordFileException(path, row, columns[PersonField.Id]![0], "the id is used by an earlier row");
            }

            var given = Value(csv, columns[PersonField.GivenName], " ");
            var surname = Value(csv, columns[PersonField.Surname], " ");
            if (given.Length == 0 && surname.Length == 0 && (columns[PersonField.GivenName] is not null || columns[PersonField.Surname] is not null))
            {
                if (_options.InvalidValues == InvalidValueHandling.Reject)
                {
                    throw new RecordFileException(path, row, Name(columns[PersonField.GivenName]) + "/" + Name(columns[PersonField.Surname]), "both names are empty");
                }

                invalid++;
            }

            var dateOfBirth = Value(csv, columns[PersonField.DateOfBirth], "-");
            if (!BirthDate.TryParse(dateOfBirth, out _))
            {
                if (_options.InvalidValues == InvalidValueHandling.Reject)
                {
                    throw new RecordFileException(path, row, Name(columns[PersonField.DateOfBirth]), "is not a possible date of birth (expected YYYY-MM-DD)");
                }

                invalid++;
                dateOfBirth = "";
            }

            records.Add(new PersonRecord(
                id,
                given,
                surname,
                dateOfBirth,
                Value(csv, columns[PersonField.Sex], " "),
                Value(csv, columns[PersonField.Address], " "),
                Value(csv, columns[PersonField.Postcode], " "),
                Value(csv, columns[PersonField.Phone], " "),
                Value(csv, columns[PersonField.Email], " "),
                Value(csv, columns[PersonField.NhsNumber], " "),
                Value(csv, columns[PersonField.OtherId], " ")));
        }

        return new PersonRecordFile(path, records, invalid) { Fields = PersonField.All.Where(f => columns[f] is not null).ToArray() };
    }

    private const string BrokenQuoteReason = "malformed CSV (a quoted value is not closed, or has text after its closing quote)";

    // Which column a broken quoted value was read into: the value as parsed is the raw field without its quotes.
    private static string? ColumnOf(string rawField, string[]? record, string[] header)
    {
        var unquoted = rawField.Replace("\"", "", StringComparison.Ordinal).Trim();
        var index = record is null ? -1 : Array.FindIndex(record, value => value.Trim() == unquoted);
        return index >= 0 && index < header.Length ? header[index] : null;
    }

    private static string Name(string[]? columns) => columns is null ? "(none)" : string.Join("+", columns);

    private static string[]? Resolve(string path, string[] header, ColumnMapping mapping, string field)
    {
        var mapped = mapping.ColumnsFor(field);
        if (mapped is null)
        {
            var standard = Array.Find(header, h => string.Equals(h, field, StringComparison.OrdinalIgnoreCase));
            return standard is null ? null : [standard];
        }

        var resolved = new string[mapped.Count];
        for (var i = 0; i < mapped.Count; i++)
        {
            resolved[i] = Array.Find(header, h => string.Equals(h, mapped[i], StringComparison.OrdinalIgnoreCase))
                ?? throw new RecordFileException(path, 1, mapped[i], $"the mapping reads field '{field}' from this column, but the file has no such column (it has: {string.Join(", ", header)})");
        }

        return resolved;
    }

    private static string Value(CsvReader csv, string[]? columns, string separator)
    {
        if (columns is null)
        {
            return "";
        }

        if (columns.Length == 1)
        {
            return Clean(csv.GetField(columns[0]));
        }

        var parts = columns.Select(c => Clean(csv.GetField(c))).ToArray();
        if (separator != "-")
        {
            return string.Join(separator, parts.Where(p => p.Length > 0));
        }

        // Date parts are mapped year, month, day; an unknown year is written 0000 so the parsed layout stays year-first.
        if (parts.All(p => p.Length == 0))
        {
            return "";
        }

        return string.Join(separator, parts.Select((p, i) => p.Length > 0 ? p : i == 0 ? "0000" : "00"));
    }

    // "NA" is how R and the ONS extracts write a missing value.
    private static string Clean(string? value) => value is null || value == "NA" ? "" : value.Trim();

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
