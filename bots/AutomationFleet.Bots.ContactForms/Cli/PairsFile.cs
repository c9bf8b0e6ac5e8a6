using System.Globalization;
using System.Text;
using AutomationFleet.Matching.Linking;
using AutomationFleet.Matching.Records;
using CsvHelper;

namespace AutomationFleet.Bots.ContactForms.Cli;

/// <summary>The output of <c>link</c> and <c>dedupe</c>: <c>left_id,right_id,probability,decision</c>, one row per proposed pair.</summary>
public static class PairsFile
{
    /// <summary>The header, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["left_id", "right_id", "probability", "decision"];

    /// <summary>Writes <paramref name="pairs"/> to <paramref name="path"/> whole or not at all (<see cref="AtomicFile"/>).</summary>
    public static void Write(string path, IReadOnlyList<ScoredPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        AtomicFile.Write(path, stream =>
        {
            // The stream stays open: AtomicFile flushes it to disk before the rename.
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var pair in pairs)
            {
                csv.WriteField(pair.LeftId);
                csv.WriteField(pair.RightId);

                // Six places keep pairs either side of the default match threshold (0.999) apart.
                csv.WriteField(pair.Probability.ToString("0.######", CultureInfo.InvariantCulture));
                csv.WriteField(Decision(pair.Decision));
                csv.NextRecord();
            }
        });
    }

    /// <summary>How a decision is written: <c>match</c> or <c>review</c>.</summary>
    public static string Decision(LinkDecision decision) => decision == LinkDecision.Match ? "match" : "review";
}
