using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Samples.CaseManagement;

/// <summary>People and their case notes in one SQLite file, seeded from the case-record extract on first start.</summary>
public sealed class CaseRecordStore
{
    private const string PersonColumns =
        "id AS Id, given_name AS GivenName, surname AS Surname, date_of_birth AS DateOfBirth, sex AS Sex, address AS Address, " +
        "postcode AS Postcode, phone AS Phone, email AS Email, nhs_number AS NhsNumber, source_reference AS SourceReference";

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    public CaseRecordStore(IOptions<SampleAppOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = Path.GetFullPath(options.Value.DataFolder);
        Directory.CreateDirectory(folder);
        DatabasePath = Path.Combine(folder, "case-management.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = true }.ToString();
        _time = time;
    }

    public string DatabasePath { get; }

    /// <summary>Creates the tables and, when there are no people yet, loads the extract.</summary>
    public async Task InitializeAsync(string extractPath)
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS people (
                id TEXT PRIMARY KEY, given_name TEXT NOT NULL, surname TEXT NOT NULL, date_of_birth TEXT NOT NULL,
                sex TEXT NOT NULL, address TEXT NOT NULL, postcode TEXT NOT NULL, phone TEXT NOT NULL, email TEXT NOT NULL,
                nhs_number TEXT NOT NULL, source_reference TEXT NOT NULL DEFAULT '');
            CREATE INDEX IF NOT EXISTS people_name ON people (surname COLLATE NOCASE, given_name COLLATE NOCASE);
            CREATE TABLE IF NOT EXISTS notes (
                id INTEGER PRIMARY KEY AUTOINCREMENT, person_id TEXT NOT NULL REFERENCES people (id), text TEXT NOT NULL,
                author TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS notes_person ON notes (person_id);
            """);

        // A database made before people carried a source reference gets the column; new ones have it already.
        if (!(await connection.QueryAsync<string>("SELECT name FROM pragma_table_info('people')")).Contains("source_reference"))
        {
            await connection.ExecuteAsync("ALTER TABLE people ADD COLUMN source_reference TEXT NOT NULL DEFAULT ''");
        }

        await connection.ExecuteAsync("CREATE INDEX IF NOT EXISTS people_source ON people (source_reference) WHERE source_reference <> ''");
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM people") > 0)
        {
            return;
        }

        if (!File.Exists(extractPath))
        {
            throw new FileNotFoundException($"The case-record extract {extractPath} (SampleApp:ExtractPath) does not exist.", extractPath);
        }

        var people = ExtractGenerator.Read(extractPath);
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO people (id, given_name, surname, date_of_birth, sex, address, postcode, phone, email, nhs_number)
            VALUES (@Id, @GivenName, @Surname, @DateOfBirth, @Sex, @Address, @Postcode, @Phone, @Email, @NhsNumber)
            """,
            people,
            transaction);
        await transaction.CommitAsync();
    }

    public async Task<PersonRecord?> FindAsync(string id)
    {
        await using var connection = await OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<PersonRecord>($"SELECT {PersonColumns} FROM people WHERE id = @id", new { id });
    }

    /// <summary>
    /// People matching every criterion given (name: part of the given name or surname; dob: YYYY-MM-DD; source: the
    /// whole source reference).
    /// </summary>
    public async Task<IReadOnlyList<PersonRecord>> SearchAsync(string? name, string? dateOfBirth, string? id, string? source = null)
    {
        await using var connection = await OpenAsync();
        var people = await connection.QueryAsync<PersonRecord>(
            $"""
            SELECT {PersonColumns} FROM people
            WHERE (@id IS NULL OR id = @id)
              AND (@dob IS NULL OR date_of_birth = @dob)
              AND (@name IS NULL OR given_name || ' ' || surname LIKE '%' || @name || '%')
              AND (@source IS NULL OR source_reference = @source)
            ORDER BY surname, given_name LIMIT 50
            """,
            new { id = Blank(id), dob = Blank(dateOfBirth), name = Blank(name), source = Blank(source) });
        return people.ToList();
    }

    /// <summary>
    /// Adds a person with the next free case-record id (CR followed by one more than the highest number) and returns
    /// the id. One statement, so two saves at once cannot take the same id.
    /// </summary>
    public async Task<string> AddPersonAsync(PersonRecord person)
    {
        ArgumentNullException.ThrowIfNull(person);
        await using var connection = await OpenAsync();
        return await connection.ExecuteScalarAsync<string>(
            """
            INSERT INTO people (id, given_name, surname, date_of_birth, sex, address, postcode, phone, email, nhs_number, source_reference)
            SELECT 'CR' || (COALESCE(MAX(CAST(SUBSTR(id, 3) AS INTEGER)), 100000) + 1),
                   @GivenName, @Surname, @DateOfBirth, @Sex, @Address, @Postcode, @Phone, @Email, @NhsNumber, @SourceReference
            FROM people WHERE id LIKE 'CR%'
            RETURNING id
            """,
            person) ?? throw new InvalidOperationException("The new person was not saved.");
    }

    public async Task<IReadOnlyList<CaseNote>> NotesAsync(string personId)
    {
        await using var connection = await OpenAsync();
        var rows = await connection.QueryAsync<(long Id, string PersonId, string Text, string Author, string CreatedAt)>(
            "SELECT id, person_id, text, author, created_at FROM notes WHERE person_id = @personId ORDER BY id DESC",
            new { personId });
        return rows.Select(r => new CaseNote(r.Id, r.PersonId, r.Text, r.Author, DateTimeOffset.Parse(r.CreatedAt, System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    public async Task<long> AddNoteAsync(string personId, string text, string author)
    {
        await using var connection = await OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO notes (person_id, text, author, created_at) VALUES (@personId, @text, @author, @at) RETURNING id",
            new { personId, text, author, at = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
