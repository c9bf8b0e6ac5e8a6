namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>Scores a classifier on labelled data it never saw.</summary>
public static class ClassifierEvaluation
{
    public static EvaluationReport Evaluate(TextClassifier classifier, IReadOnlyList<LabelledText> data)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(data);
        var results = classifier.ClassifyMany(data.Select(d => d.Text).ToList());
        return Score(classifier, data, results);
    }

    /// <summary>Scores precomputed <paramref name="results"/> (one per item of <paramref name="data"/>).</summary>
    public static EvaluationReport Score(TextClassifier classifier, IReadOnlyList<LabelledText> data, IReadOnlyList<ClassificationResult> results)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(results);
        var truePositive = new Dictionary<string, int>(StringComparer.Ordinal);
        var predicted = new Dictionary<string, int>(StringComparer.Ordinal);
        var actual = new Dictionary<string, int>(StringComparer.Ordinal);
        var calibration = new List<(double, bool)>();
        int inScope = 0, outOfScope = 0, correct = 0, automatic = 0, automaticCorrect = 0, inScopeAutomatic = 0, outOfScopeReview = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var r = results[i];
            var known = classifier.Knows(data[i].Label);
            var right = string.Equals(r.Label, data[i].Label, StringComparison.Ordinal);
            predicted[r.Label] = predicted.GetValueOrDefault(r.Label) + 1;
            if (r.Automatic)
            {
                automatic++;
                automaticCorrect += right ? 1 : 0;
            }

            if (!known)
            {
                outOfScope++;
                outOfScopeReview += r.Automatic ? 0 : 1;
                continue;
            }

            inScope++;
            actual[data[i].Label] = actual.GetValueOrDefault(data[i].Label) + 1;
            inScopeAutomatic += r.Automatic ? 1 : 0;
            calibration.Add((r.Probability, right));
            if (right)
            {
                correct++;
                truePositive[r.Label] = truePositive.GetValueOrDefault(r.Label) + 1;
            }
        }

        var categories = classifier.Labels
            .Where(l => actual.ContainsKey(l) || predicted.ContainsKey(l))
            .Select(l =>
            {
                var tp = truePositive.GetValueOrDefault(l);
                var precision = predicted.GetValueOrDefault(l) == 0 ? 0 : (double)tp / predicted[l];
                var recall = actual.GetValueOrDefault(l) == 0 ? 0 : (double)tp / actual[l];
                var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                return new CategoryScore(l, precision, recall, f1, actual.GetValueOrDefault(l));
            })
            .ToList();
        var present = categories.Where(c => c.Support > 0).ToList();
        return new EvaluationReport(
            data.Count,
            inScope,
            outOfScope,
            inScope == 0 ? double.NaN : (double)correct / inScope,
            present.Count == 0 ? double.NaN : present.Average(c => c.F1),
            categories,
            inScope == 0 ? 0 : (double)inScopeAutomatic / inScope,
            automatic == 0 ? 1 : (double)automaticCorrect / automatic,
            automatic,
            outOfScope == 0 ? double.NaN : (double)outOfScopeReview / outOfScope,
            Reliability.Compute(calibration));
    }
}
