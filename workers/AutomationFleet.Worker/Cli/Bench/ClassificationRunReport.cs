namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>The classifier the bot trained, over the pages' extracted text.</summary>
/// <param name="Documents">Texts classified in the timed run (the page texts repeated).</param>
/// <param name="DistinctTexts">Distinct page texts.</param>
/// <param name="MeanCharacters">Mean length of those texts.</param>
/// <param name="Seconds">Wall time of the timed <c>ClassifyMany</c>.</param>
/// <param name="DocumentsPerSecond"><paramref name="Documents"/> over <paramref name="Seconds"/>.</param>
public sealed record ClassificationRunReport(int Documents, int DistinctTexts, double MeanCharacters, double Seconds, double DocumentsPerSecond);
