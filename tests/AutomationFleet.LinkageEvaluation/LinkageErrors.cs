using System.Globalization;
using AutomationFleet.Matching.Linking;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.LinkageEvaluation;

/// <summary>
/// Prints a run's wrong automatic matches, true pairs sent to review, wrong pairs sent to review and true pairs it did not propose, each record and the explanation, to see
/// what the model gets wrong. The shared sets are fictitious people, so printing them is fine here (never in the fleet).
/// </summary>
public static class LinkageErrors
{
    /// <summary>Up to <paramref name="max"/> of each kind.</summary>
    public static void Print(LinkageDataset dataset, int max, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(output);
        var result = dataset.IsDedupe ? Linker.Dedupe(dataset.Left) : Linker.Link(dataset.Left, dataset.Right!);
        var normaliser = new PersonNormaliser();
        var all = dataset.Left.Concat(dataset.Right ?? []).ToList();
        var people = normaliser.NormaliseAll(all);
        TermFrequencies.Count(people).Assign(people);
        var byId = new Dictionary<string, (PersonRecord Record, NormalisedPerson Person)>(StringComparer.Ordinal);
        for (var i = 0; i < all.Count; i++)
        {
            byId[all[i].Id] = (all[i], people[i]);
        }

        var scorer = new MatchScorer(result.Model, ComparisonSet.Default);
        var wrong = result.Pairs.Where(p => p.Decision == LinkDecision.Match && dataset.PersonOf.TryGetValue(p.LeftId, out var a) && dataset.PersonOf.TryGetValue(p.RightId, out var b) && a != b).Take(max);
        output.WriteLine($"## {dataset.Name}: wrong automatic matches");
        foreach (var pair in wrong)
        {
            Show(pair.LeftId, pair.RightId);
        }

        output.WriteLine($"## {dataset.Name}: true pairs sent to review");
        foreach (var pair in result.Pairs.Where(p => p.Decision == LinkDecision.Review && dataset.PersonOf.TryGetValue(p.LeftId, out var a) && dataset.PersonOf.TryGetValue(p.RightId, out var b) && a == b).Take(max))
        {
            Show(pair.LeftId, pair.RightId);
        }

        output.WriteLine($"## {dataset.Name}: wrong pairs sent to review");
        foreach (var pair in result.Pairs.Where(p => p.Decision == LinkDecision.Review && dataset.PersonOf.TryGetValue(p.LeftId, out var a) && dataset.PersonOf.TryGetValue(p.RightId, out var b) && a != b).Take(max))
        {
            Show(pair.LeftId, pair.RightId);
        }

        var proposed = result.Pairs.Select(p => (p.LeftId, p.RightId)).ToHashSet();
        output.WriteLine($"## {dataset.Name}: true pairs not proposed");
        var shown = 0;
        foreach (var group in all.Where(r => dataset.PersonOf.ContainsKey(r.Id)).GroupBy(r => dataset.PersonOf[r.Id], StringComparer.Ordinal))
        {
            var members = group.ToList();
            for (var i = 0; i < members.Count && shown < max; i++)
            {
                for (var j = i + 1; j < members.Count && shown < max; j++)
                {
                    var (a, b) = (members[i].Id, members[j].Id);
                    if (!dataset.IsDedupe && dataset.Left.Contains(members[j]))
                    {
                        (a, b) = (b, a);
                    }

                    if (!dataset.IsDedupe && !(dataset.Left.Contains(byId[a].Record) && dataset.Right!.Contains(byId[b].Record)))
                    {
                        continue;
                    }

                    if (!proposed.Contains((a, b)) && !proposed.Contains((b, a)))
                    {
                        Show(a, b);
                        shown++;
                    }
                }
            }
        }

        void Show(string a, string b)
        {
            var x = byId[a];
            var y = byId[b];
            var explanation = scorer.Explain(x.Person, y.Person);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p {explanation.Probability:0.000000} ({explanation.TotalBits:+0.0;-0.0} bits, prior {explanation.PriorBits:0.0})"));
            output.WriteLine("  " + Describe(x.Record));
            output.WriteLine("  " + Describe(y.Record));
            output.WriteLine("  " + string.Join("; ", explanation.Fields.Where(f => f.Level != "missing").Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Field} {f.Level} {f.Bits:+0.0;-0.0}"))));
        }
    }

    private static string Describe(PersonRecord r) => $"{r.Id}: {r.GivenName} | {r.Surname} | {r.DateOfBirth} | {r.Sex} | {r.Address} | {r.Postcode} | {r.Phone} | {r.Email} | {r.NhsNumber} | {r.OtherId}";
}
