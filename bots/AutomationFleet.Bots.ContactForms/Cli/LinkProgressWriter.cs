using System.Globalization;
using AutomationFleet.Matching.Linking;

namespace AutomationFleet.Bots.ContactForms.Cli;

/// <summary>
/// Shows how far a <c>link</c> or <c>dedupe</c> run is, as lines on stderr. A run that ends within <see cref="FirstAfter"/>
/// prints nothing; a longer one prints where it is then and every <see cref="Every"/> after. A timer writes, not
/// <see cref="Report"/>: fitting the model reports nothing while it runs and can take the longest, so the line must
/// still come (with the elapsed time) while no report does. Lines carry counts and stages, never a record's values.
/// </summary>
public sealed class LinkProgressWriter : IProgress<LinkProgress>, IDisposable
{
    /// <summary>How long a run stays quiet before the first line.</summary>
    public static readonly TimeSpan FirstAfter = TimeSpan.FromSeconds(2);

    /// <summary>How often a line is written after the first.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly TextWriter _error;
    private readonly string _command;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private LinkProgress? _latest;
    private bool _disposed;

    /// <summary>Starts the clock; until the first <see cref="Report"/> the run is said to be reading its input.</summary>
    public LinkProgressWriter(TextWriter error, string command, TimeProvider timeProvider)
    {
        _error = error;
        _command = command;
        _timeProvider = timeProvider;
        _started = timeProvider.GetTimestamp();
        _timer = timeProvider.CreateTimer(_ => Write(), null, FirstAfter, Every);
    }

    /// <summary>Notes where the run is; called from the linker's threads, so it only swaps a reference.</summary>
    public void Report(LinkProgress value) => Volatile.Write(ref _latest, value);

    /// <summary>Stops the lines; after this returns none is written.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private void Write()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var seconds = _timeProvider.GetElapsedTime(_started).TotalSeconds;
            _error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_command}: {Describe(Volatile.Read(ref _latest))} ({seconds:0} s)"));
            _error.Flush();
        }
    }

    private static string Describe(LinkProgress? progress) => progress switch
    {
        null => "reading the input",
        { Stage: LinkStage.Normalising } => Invariant($"normalising {progress.Total:N0} records"),
        { Stage: LinkStage.Blocking } => Invariant($"finding candidate pairs among {progress.Total:N0} records"),
        { Stage: LinkStage.Fitting } => Invariant($"fitting the model on {progress.Total:N0} candidate pairs"),
        _ => Invariant($"scored {progress.Done:N0} of {progress.Total:N0} candidate pairs ({Percent(progress)})"),
    };

    private static string Percent(LinkProgress progress) =>
        (progress.Total == 0 ? 1 : progress.Done / (double)progress.Total).ToString("0%", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
