using System.Buffers.Binary;

namespace AutomationFleet.Core.Incidents;

/// <summary>
/// An incident's text as the sentence encoder saw it when the incident was opened: the model's name and its unit-length
/// vector. Kept with the incident so that comparing a later report with it needs only the report's own text encoded;
/// a vector of another model (the encoder was changed since) is not compared, the text is encoded again instead.
/// </summary>
/// <param name="Model">The encoder's model name, e.g. <c>all-MiniLM-L6-v2</c>.</param>
/// <param name="Values">The vector (384 floats for the shipped models). The array is shared: do not change it.</param>
public sealed record IncidentTextVector(string Model, float[] Values)
{
    /// <summary>The vector as stored: each float as 4 bytes, little-endian, in order.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Values.Length * sizeof(float)];
        for (var i = 0; i < Values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), Values[i]);
        }

        return bytes;
    }

    /// <summary>A stored vector, or null when there is none (an incident opened before vectors were kept, or without one).</summary>
    /// <exception cref="FormatException">The bytes are not a whole number of floats.</exception>
    public static IncidentTextVector? FromStored(string? model, byte[]? bytes)
    {
        if (model is null || bytes is null)
        {
            return null;
        }

        if (bytes.Length == 0 || bytes.Length % sizeof(float) != 0)
        {
            throw new FormatException($"A stored text vector of {bytes.Length} bytes is not a whole number of 4-byte floats.");
        }

        var values = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return new IncidentTextVector(model, values);
    }
}
