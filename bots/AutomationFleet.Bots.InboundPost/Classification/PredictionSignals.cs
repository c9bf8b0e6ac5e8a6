namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>What a model produced for one text: raw scores, their word and character parts, and n-gram counts.</summary>
internal sealed record PredictionSignals(float[] Logits, float[] WordScores, float[] CharScores, NgramStats Stats)
{
    public static PredictionSignals Of(TextClassifier model, string text)
    {
        var k = model.Labels.Count;
        var logits = new float[k];
        var word = new float[k];
        var chars = new float[k];
        var stats = model.Scores(text, logits, word, chars);
        return new PredictionSignals(logits, word, chars, stats);
    }
}
