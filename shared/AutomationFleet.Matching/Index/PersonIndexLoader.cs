using AutomationFleet.Matching.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Matching.Index;

/// <summary>
/// Loads the person index with the host into the <see cref="PersonIndexHolder"/>: the kept index when it was built from
/// the extract as it is now, else a new one built from the extract and kept (so the next restart loads it). Then checks
/// the extract every <see cref="CaseRecordsOptions.RefreshInterval"/> and rebuilds when it has changed; the bots keep
/// using the old index until the new one is ready. A broken new extract is reported and the old index stays in use.
/// Registered once by <see cref="PersonIndexServiceCollectionExtensions.AddPersonIndex"/>, however many bots use it.
/// </summary>
public sealed class PersonIndexLoader(
    PersonIndexHolder holder,
    IOptions<CaseRecordsOptions> options,
    TimeProvider timeProvider,
    ILogger<PersonIndexLoader> logger) : BackgroundService
{
    private readonly CaseRecordsOptions _options = options.Value;

    /// <summary>Loads or builds the index before the host starts the services registered after it (the bots' consumers).</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Loaded before the consumers start, so nothing is looked up against a missing index.
        await Task.Run(() => Refresh(force: false), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.RefreshInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                Refresh(force: false);
            }
            catch (Exception exception) when (exception is RecordFileException or IOException or InvalidDataException)
            {
                // The exception, not its message: the fleet's logging writes its type and stack only (a CSV parser may quote a row).
                logger.LogError(exception, "The case-record extract could not be re-indexed; the previous index stays in use");
            }
        }
    }

    /// <summary>
    /// Loads or rebuilds the index as needed and puts it in the holder; returns whether it built one. With
    /// <paramref name="force"/>, builds even when the extract has not changed. Throws <see cref="RecordFileException"/>
    /// for a broken extract or mapping, leaving the holder as it was.
    /// </summary>
    public bool Refresh(bool force)
    {
        var extract = _options.Path;
        if (!File.Exists(extract))
        {
            throw new FileNotFoundException($"The case-record extract {extract} ({CaseRecordsOptions.SectionName}:Path) does not exist.", extract);
        }

        var now = PersonIndexFile.SourceOf(extract, timeProvider.GetUtcNow(), _options.ColumnMapPath);
        var current = holder.Index ?? (force ? null : LoadKept());
        if (!force && current is not null && current.Source.Sha256 == now.Sha256)
        {
            if (holder.Index is null)
            {
                holder.Use(current);
                logger.LogInformation("Person index loaded: {Count} records (m by {FittedBy})", current.Count, current.FittedBy);
            }

            return false;
        }

        var started = timeProvider.GetTimestamp();
        var mapping = _options.ColumnMapPath is { } map ? ColumnMapping.Load(map) : null;
        var file = new PersonRecordReader().Read(extract, mapping);
        var index = PersonIndex.Build(file.Records, now);
        PersonIndexFile.Save(index, _options.IndexPath);
        holder.Use(index);
        logger.LogInformation(
            "Person index built from the extract: {Count} records in {Seconds:0.0} s (m by {FittedBy}, {Invalid} invalid value(s) read as missing)",
            index.Count, timeProvider.GetElapsedTime(started).TotalSeconds, index.FittedBy, file.InvalidValues);
        return true;
    }

    private PersonIndex? LoadKept()
    {
        try
        {
            return PersonIndexFile.Load(_options.IndexPath);
        }
        catch (InvalidDataException exception)
        {
            logger.LogWarning(exception, "The kept person index cannot be loaded; rebuilding it from the extract");
            return null;
        }
    }
}
