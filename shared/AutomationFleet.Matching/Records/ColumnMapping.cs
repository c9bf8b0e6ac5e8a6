using System.Text.Json;

namespace AutomationFleet.Matching.Records;

/// <summary>
/// Which source column(s) hold each standard field (<see cref="PersonField"/>). A field may name one column or a list,
/// whose non-empty values are joined: <c>{"id":"rec_id","address":["street_number","address_1"],
/// "date_of_birth":["dob_year","dob_mon","dob_day"]}</c> (date parts are joined with '-', others with a space).
/// A field not in the mapping is read from the column of its standard name when the file has one.
/// </summary>
public sealed class ColumnMapping
{
    private readonly Dictionary<string, string[]> _columns;

    /// <summary>Creates a mapping from standard field name to source column names.</summary>
    public ColumnMapping(IReadOnlyDictionary<string, string[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = new Dictionary<string, string[]>(columns, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The identity mapping: every field from the column of its standard name.</summary>
    public static ColumnMapping Standard { get; } = new(new Dictionary<string, string[]>());

    /// <summary>The source columns explicitly mapped to <paramref name="field"/>, or null when it is not mapped.</summary>
    public IReadOnlyList<string>? ColumnsFor(string field) => _columns.GetValueOrDefault(field);

    /// <summary>Reads a mapping file; an unknown field name or a value that is not a string or list of strings is an error naming the file.</summary>
    public static ColumnMapping Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new RecordFileException(path, e.LineNumber + 1, null, "the column mapping is not valid JSON", e);
        }
        catch (IOException e)
        {
            throw new RecordFileException(path, null, null, "the column mapping cannot be read: " + e.Message, e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RecordFileException(path, null, null, "the column mapping must be a JSON object of field name to column name(s)");
            }

            var columns = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!PersonField.All.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                {
                    throw new RecordFileException(path, null, property.Name, "is not a person field; use one of " + string.Join(", ", PersonField.All));
                }

                columns[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => [property.Value.GetString()!],
                    JsonValueKind.Array when property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) && property.Value.GetArrayLength() > 0
                        => property.Value.EnumerateArray().Select(e => e.GetString()!).ToArray(),
                    _ => throw new RecordFileException(path, null, property.Name, "must map to a column name or a non-empty list of column names"),
                };
            }

            return new ColumnMapping(columns);
        }
    }
}
