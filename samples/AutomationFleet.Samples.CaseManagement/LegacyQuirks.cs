using Microsoft.Extensions.Options;

namespace AutomationFleet.Samples.CaseManagement;

/// <summary>
/// The legacy system's bad habits, read from <see cref="SampleAppOptions"/> at start. Tests running the app
/// in-process change them on the fly (one instance per app) to make a fault happen exactly when they need it.
/// </summary>
public sealed class LegacyQuirks
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private long _requests;
    private int _failNext;
    private int _expireOnNextSave;
    private int _failAfterNextPersonSave;
    private int _sessionGeneration;

    public LegacyQuirks(IOptions<SampleAppOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        MaxDelayMilliseconds = settings.MaxDelayMilliseconds;
        FailEveryNthRequest = settings.FailEveryNthRequest;
        ConfirmBeforeSave = settings.ConfirmBeforeSave;
        Redesigned = settings.Layout == "redesigned";
        _random = new Random(settings.RandomSeed);
    }

    public int MaxDelayMilliseconds { get; set; }

    public int FailEveryNthRequest { get; set; }

    public bool ConfirmBeforeSave { get; set; }

    public bool Redesigned { get; set; }

    /// <summary>Sessions signed in before the last <see cref="ExpireAllSessions"/> are over.</summary>
    public int SessionGeneration => Volatile.Read(ref _sessionGeneration);

    /// <summary>How many requests have been answered with HTTP 500 by a quirk.</summary>
    public int ServerErrors { get; private set; }

    /// <summary>How many times the demo account signed in.</summary>
    public int SignIns { get; private set; }

    /// <summary>The next <paramref name="count"/> requests answer HTTP 500.</summary>
    public void FailNextRequests(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>Ends every session now, as an idle timeout or a server restart does.</summary>
    public void ExpireAllSessions() => Interlocked.Increment(ref _sessionGeneration);

    /// <summary>The next note save finds its session over (the case worker went for lunch with the form open).</summary>
    public void ExpireSessionsOnNextSave() => Interlocked.Exchange(ref _expireOnNextSave, 1);

    internal bool TakeExpireOnSave() => Interlocked.Exchange(ref _expireOnNextSave, 0) == 1;

    /// <summary>The next new person is saved, but the answer is an HTTP 500 (the answer that never came back).</summary>
    public void FailAfterNextPersonSave() => Interlocked.Exchange(ref _failAfterNextPersonSave, 1);

    internal bool TakeFailAfterPersonSave() => Interlocked.Exchange(ref _failAfterNextPersonSave, 0) == 1;

    internal void CountSignIn()
    {
        lock (_gate)
        {
            SignIns++;
        }
    }

    internal TimeSpan NextDelay()
    {
        lock (_gate)
        {
            return MaxDelayMilliseconds <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(_random.Next(MaxDelayMilliseconds + 1));
        }
    }

    internal bool ShouldFail()
    {
        var n = Interlocked.Increment(ref _requests);
        var fail = Interlocked.Decrement(ref _failNext) >= 0;
        if (!fail)
        {
            Interlocked.Exchange(ref _failNext, 0);
        }

        fail |= FailEveryNthRequest > 0 && n % FailEveryNthRequest == 0;
        if (fail)
        {
            lock (_gate)
            {
                ServerErrors++;
            }
        }

        return fail;
    }
}
