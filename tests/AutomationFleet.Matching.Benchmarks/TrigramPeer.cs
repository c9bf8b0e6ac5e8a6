using System.Diagnostics;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;
using AutomationFleet.TestSupport;
using Npgsql;
using NpgsqlTypes;

namespace AutomationFleet.Matching.Benchmarks;

/// <summary>
/// What a council DBA would write instead of a matching engine: the records in a PostgreSQL table with a GIN trigram
/// index on the surname and a b-tree on the date of birth, and per form one query: candidates whose surname is
/// trigram-similar (<c>%</c>, pg_trgm's default 0.3) or whose date of birth is equal, ranked by surname similarity +
/// given-name similarity + 1 for the same date of birth (0.5 when it is within two edits, fuzzystrmatch's levenshtein).
/// </summary>
public sealed class TrigramPeer : IAsyncDisposable
{
    private const string Query = """
        SELECT id
        FROM people
        WHERE surname % @surname OR date_of_birth = @dob
        ORDER BY similarity(surname, @surname) + similarity(given_name, @given)
               + CASE WHEN date_of_birth = @dob THEN 1.0
                      WHEN levenshtein(to_char(date_of_birth, 'YYYY-MM-DD'), @dob_text) <= 2 THEN 0.5
                      ELSE 0 END DESC
        LIMIT @max
        """;

    private readonly NpgsqlConnection _connection;
    private NpgsqlCommand? _query;

    private TrigramPeer(NpgsqlConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Connects to <paramref name="server"/> and creates the extensions.</summary>
    public static async Task<TrigramPeer> OpenAsync(LoopbackPostgresServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        // The postgres database, unpooled, no command timeout: index builds over a million rows take minutes.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var peer = new TrigramPeer(connection);
        await peer.ExecuteAsync("CREATE EXTENSION pg_trgm; CREATE EXTENSION fuzzystrmatch;", cancellationToken);
        return peer;
    }

    /// <summary>Loads <paramref name="records"/> by COPY and builds the indexes; returns the seconds each took.</summary>
    public async Task<(double LoadSeconds, double IndexSeconds)> LoadAsync(IReadOnlyList<PersonRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await ExecuteAsync("CREATE UNLOGGED TABLE people (id text PRIMARY KEY, given_name text, surname text, date_of_birth date, postcode text)", cancellationToken);
        var watch = Stopwatch.StartNew();
        await using (var import = await _connection.BeginBinaryImportAsync("COPY people (id, given_name, surname, date_of_birth, postcode) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var r in records)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(r.Id, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(r.GivenName, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(r.Surname, NpgsqlDbType.Text, cancellationToken);
                if (DateOf(r.DateOfBirth) is { } dob)
                {
                    await import.WriteAsync(dob, NpgsqlDbType.Date, cancellationToken);
                }
                else
                {
                    await import.WriteNullAsync(cancellationToken);
                }

                await import.WriteAsync(r.Postcode, NpgsqlDbType.Text, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        var load = watch.Elapsed.TotalSeconds;
        watch.Restart();
        await ExecuteAsync("CREATE INDEX people_surname_trgm ON people USING gin (surname gin_trgm_ops); CREATE INDEX people_dob ON people (date_of_birth); ANALYZE people;", cancellationToken);
        return (load, watch.Elapsed.TotalSeconds);
    }

    /// <summary>The ids of the best <paramref name="max"/> candidates for <paramref name="form"/>, best first.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(PersonRecord form, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (_query is null)
        {
            _query = new NpgsqlCommand(Query, _connection);
            _query.Parameters.Add(new NpgsqlParameter("surname", NpgsqlDbType.Text));
            _query.Parameters.Add(new NpgsqlParameter("given", NpgsqlDbType.Text));
            _query.Parameters.Add(new NpgsqlParameter("dob", NpgsqlDbType.Date));
            _query.Parameters.Add(new NpgsqlParameter("dob_text", NpgsqlDbType.Text));
            _query.Parameters.Add(new NpgsqlParameter("max", NpgsqlDbType.Integer));
            await _query.PrepareAsync(cancellationToken);
        }

        var dob = DateOf(form.DateOfBirth);
        _query.Parameters["surname"].Value = form.Surname;
        _query.Parameters["given"].Value = form.GivenName;
        _query.Parameters["dob"].Value = dob is { } d ? d : DBNull.Value;
        _query.Parameters["dob_text"].Value = dob is { } t ? t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "";
        _query.Parameters["max"].Value = max;
        var ids = new List<string>(max);
        await using var reader = await _query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_query is not null)
        {
            await _query.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    // The DBA's loader would parse dates too: the same reader as ours, so both sides see the same dates.
    private static DateOnly? DateOf(string text) =>
        BirthDate.TryParse(text, out var date) && date.IsComplete ? new DateOnly(date.Year, date.Month, date.Day) : null;

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
