using AutomationFleet.Matching.Index;
using AutomationFleet.Matching.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.ContactForms;

/// <summary>
/// Loads the person index with the host: the kept index when it was built from the extract as it is now, else a new
/// one built from the extract and kept (so the next restart loads it). Then checks the extract every
/// <see cref="ContactFormsOptions.RefreshInterval"/> and rebuilds when it has changed; the bot keeps using the old
/// index until the new one is ready. A broken new extract is reported and the old index stays in use.
/// </summary>
public sealed class PersonIndexLoader(
    PersonIndexFinder finder,
    IOptions<ContactFormsOptions> options,
    TimeProvider timeProvider,
    ILogger<PersonIndexLoader> logger) : BackgroundService
{
    private readonly ContactFormsOptions _options = options.Value;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Loaded before the consumers start, so no form is looked up against a missing index.
        await Task.Run(() => Refresh(force: false), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

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
                logger.LogError("The case-record extract could not be re-indexed ({Problem}); the previous index stays in use", exception.Message);
            }
        }
    }

    /// <summary>Loads or rebuilds the index as needed; returns whether it built one.</summary>
    public bool Refresh(bool force)
    {
        var extract = _options.CaseRecordsPath;
        if (!File.Exists(extract))
        {
            throw new FileNotFoundException($"The case-record extract {extract} (ContactForms:CaseRecordsPath) does not exist.", extract);
        }

        var now = PersonIndexFile.SourceOf(extract, timeProvider.GetUtcNow(), _options.ColumnMapPath);
        var current = finder.Index ?? (force ? null : LoadKept());
        if (!force && current is not null && current.Source.Sha256 == now.Sha256)
        {
            if (finder.Index is null)
            {
                finder.Use(current);
                logger.LogInformation("Person index loaded: {Count} records (m by {FittedBy})", current.Count, current.FittedBy);
            }

            return false;
        }

        var started = timeProvider.GetTimestamp();
        var mapping = _options.ColumnMapPath is { } map ? ColumnMapping.Load(map) : null;
        var file = new PersonRecordReader().Read(extract, mapping);
        var index = PersonIndex.Build(file.Records, now);
        PersonIndexFile.Save(index, _options.IndexPath);
        finder.Use(index);
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
            logger.LogWarning("{Problem}; rebuilding", exception.Message);
            return null;
        }
    }
}
