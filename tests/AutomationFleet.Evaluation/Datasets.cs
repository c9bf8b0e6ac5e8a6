using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Evaluation;

/// <summary>Builds the benchmark splits from shared/data. The scored split is never used for training or fitting.</summary>
internal static class Datasets
{
    public const int TestSplitSeed = 1;

    public static string DataRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("FLEET_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                if (Directory.Exists(Path.Combine(candidate, "intent")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException("shared/data not found; set FLEET_DATA to the data folder.");
    }

    /// <summary>BANKING77: a stratified 20% of train.csv is scored; the model trains on the rest (10-fold out-of-fold predictions fit calibration and thresholds).</summary>
    public static EvaluationCase Banking77(string root)
    {
        var all = PublicDatasets.LoadBanking77(Path.Combine(root, "intent", "banking77", "train.csv"));
        var (rest, test) = DataSplits.Stratified(all, 0.2, TestSplitSeed);
        return new EvaluationCase("BANKING77", "train.csv split 80/20 stratified (seed 1); temperature+thresholds fitted on 10-fold out-of-fold predictions of the 80%, final weights the average of the 10 fold models; scored on the 20% never seen", rest, null, test);
    }

    /// <summary>
    /// CLINC150: the file has no test split, so a stratified 20% of <c>train</c> is scored; the model trains on the other
    /// 80%; temperature and thresholds are fitted on <c>val</c> + <c>oos_val</c>; out-of-scope scoring uses
    /// <c>oos_train</c> plus the extra out-of-scope queries of data_oos_plus.json (never used for fitting).
    /// </summary>
    public static EvaluationCase Clinc150(string root)
    {
        var full = PublicDatasets.LoadClinc150(Path.Combine(root, "intent", "clinc150", "data_full.json"));
        if (full.ContainsKey("test"))
        {
            var training = full["train"];
            var heldOut = full["val"].Concat(full["oos_val"]).ToList();
            var scored = full["test"].Concat(full.GetValueOrDefault("oos_test") ?? []).ToList();
            return new EvaluationCase("CLINC150", "train / val+oos_val / test+oos_test", training, heldOut, scored);
        }

        var (rest, inScopeTest) = DataSplits.Stratified(full["train"], 0.2, TestSplitSeed);
        var fitting = full["val"].Concat(full["oos_val"]).ToList();
        var fittingTexts = fitting.Select(f => f.Text).ToHashSet(StringComparer.Ordinal);
        var outOfScope = full["oos_train"].ToList();
        var plusPath = Path.Combine(root, "intent", "clinc150", "data_oos_plus.json");
        if (File.Exists(plusPath))
        {
            var seen = outOfScope.Select(o => o.Text).ToHashSet(StringComparer.Ordinal);
            outOfScope.AddRange(PublicDatasets.LoadClinc150(plusPath)["oos_train"].Where(o => seen.Add(o.Text)));
        }

        outOfScope.RemoveAll(o => fittingTexts.Contains(o.Text));
        return new EvaluationCase(
            "CLINC150",
            $"train split 80/20 stratified (seed 1): weights on the 80%; temperature+thresholds on val+oos_val; scored on the 20% ({inScopeTest.Count}) + {outOfScope.Count} out-of-scope queries from oos_train and data_oos_plus.json",
            rest,
            fitting,
            inScopeTest.Concat(outOfScope).ToList());
    }

    /// <summary>CFPB: trains on cfpb_train (10-fold out-of-fold predictions fit calibration and thresholds), scored on cfpb_test.</summary>
    public static EvaluationCase Cfpb(string root)
    {
        var train = PublicDatasets.LoadCfpb(Path.Combine(root, "post", "cfpb", "cfpb_train.json"));
        var test = PublicDatasets.LoadCfpb(Path.Combine(root, "post", "cfpb", "cfpb_test.json"));
        return new EvaluationCase("CFPB", "cfpb_train (10-fold cross-fitted temperature+thresholds, final weights the average of the fold models); scored on cfpb_test", train, null, test);
    }

    /// <summary>Seeds of the leave-categories-out runs.</summary>
    public static readonly int[] LeaveOutSeeds = [1, 2, 3];

    /// <summary>
    /// CLINC150 with no out-of-scope query in training or fitting: weights on the 80%, temperature, novelty and
    /// thresholds on the in-scope <c>val</c> only; scored on the same 20% + out-of-scope queries as <see cref="Clinc150"/>.
    /// </summary>
    public static EvaluationCase Clinc150WithoutOutOfScope(string root)
    {
        var withOos = Clinc150(root);
        var fitting = withOos.HeldOut!.Where(e => e.Label != PublicDatasets.OutOfScopeLabel).ToList();
        return withOos with
        {
            Protocol = $"as CLINC150, but temperature, novelty and thresholds fitted on val only ({fitting.Count}, no out-of-scope query anywhere in training or fitting)",
            HeldOut = fitting,
        };
    }

    /// <summary>
    /// <paramref name="evaluationCase"/> with a random 20% of its categories (by <paramref name="seed"/>) removed from
    /// training and fitting; the scored set is unchanged, so their queries are out of scope for the model and count as
    /// errors whenever they are made automatic.
    /// </summary>
    public static EvaluationCase LeaveCategoriesOut(EvaluationCase evaluationCase, int seed)
    {
        var categories = evaluationCase.Training.Select(e => e.Label).Where(l => l != PublicDatasets.OutOfScopeLabel).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(categories);
        var left = categories.Take((int)Math.Round(categories.Length * 0.2)).ToHashSet(StringComparer.Ordinal);
        return evaluationCase with
        {
            Protocol = $"{evaluationCase.Name} with {left.Count} of {categories.Length} categories never trained or fitted on (seed {seed}); their scored queries count as out of scope",
            Training = evaluationCase.Training.Where(e => !left.Contains(e.Label)).ToList(),
            HeldOut = evaluationCase.HeldOut?.Where(e => !left.Contains(e.Label)).ToList(),
        };
    }
}
