using System.Diagnostics.CodeAnalysis;
using AutomationFleet.Text;

namespace AutomationFleet.Bots.IncidentReports.Cli;

/// <summary>
/// The benchmark's view of the encoder: counts the calls (one per report that needed words compared) and texts, the
/// cache look-ups that encode nothing (<see cref="ITextEmbedder.TryGetCached"/>) and how many found a vector, and the
/// time spent in it, so the decision's time can be split into the encoder's and the rest.
/// </summary>
internal sealed class CountingEmbedder(ITextEmbedder inner, TimeProvider timeProvider) : ITextEmbedder
{
    private int _calls;
    private int _texts;
    private int _lookups;
    private int _hits;
    private long _elapsedTicks;

    public ITextEmbedder Inner => inner;

    public int Calls => Volatile.Read(ref _calls);

    public int Texts => Volatile.Read(ref _texts);

    /// <summary>Cache look-ups (<see cref="TryGetCached"/>): not counted in <see cref="Calls"/>, as they encode nothing.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Of <see cref="Lookups"/>, those that found the text's vector.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Time spent in the encoder (its cache included) since the last <see cref="Reset"/>.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    public string ModelName => inner.ModelName;

    public int Dimensions => inner.Dimensions;

    public float[] Embed(string text)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Increment(ref _texts);
        var started = timeProvider.GetTimestamp();
        var vector = inner.Embed(text);
        Interlocked.Add(ref _elapsedTicks, timeProvider.GetElapsedTime(started).Ticks);
        return vector;
    }

    public IReadOnlyList<float[]> EmbedMany(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _texts, texts.Count);
        var started = timeProvider.GetTimestamp();
        var vectors = inner.EmbedMany(texts, cancellationToken);
        Interlocked.Add(ref _elapsedTicks, timeProvider.GetElapsedTime(started).Ticks);
        return vectors;
    }

    public bool TryGetCached(string text, [NotNullWhen(true)] out float[]? vector)
    {
        Interlocked.Increment(ref _lookups);
        var started = timeProvider.GetTimestamp();
        var found = inner.TryGetCached(text, out vector);
        Interlocked.Add(ref _elapsedTicks, timeProvider.GetElapsedTime(started).Ticks);
        if (found)
        {
            Interlocked.Increment(ref _hits);
        }

        return found;
    }

    public void Reset()
    {
        Volatile.Write(ref _calls, 0);
        Volatile.Write(ref _texts, 0);
        Volatile.Write(ref _lookups, 0);
        Volatile.Write(ref _hits, 0);
        Interlocked.Exchange(ref _elapsedTicks, 0);
    }
}
