using AutomationFleet.Text;

namespace AutomationFleet.Evaluation;

/// <summary>The text embedder the evaluation trains with (the fleet's default).</summary>
internal static class Embedders
{
    public static TempMiniLmEmbedder Create() => new();
}
