using AutomationFleet.Text;

namespace AutomationFleet.Bots.IncidentReports.Cli;

/// <summary>The benchmark's view of the encoder: counts the calls (one per report that needed words compared) and texts.</summary>
internal sealed class CountingEmbedder(ITextEmbedder inner) : ITextEmbedder
{
    private int _calls;
    private int _texts;

    public ITextEmbedder Inner => inner;

    public int Calls => Volatile.Read(ref _calls);

    public int Texts => Volatile.Read(ref _texts);

    public string ModelName => inner.ModelName;

    public int Dimensions => inner.Dimensions;

    public float[] Embed(string text)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Increment(ref _texts);
        return inner.Embed(text);
    }

    public IReadOnlyList<float[]> EmbedMany(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _texts, texts.Count);
        return inner.EmbedMany(texts, cancellationToken);
    }

    public void Reset()
    {
        Volatile.Write(ref _calls, 0);
        Volatile.Write(ref _texts, 0);
    }
}
