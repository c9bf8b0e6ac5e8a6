namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>Counts of one text's n-gram occurrences: all of them, those unseen in training, and word n-grams.</summary>
internal readonly record struct NgramStats(int Total, int Unseen, int WordNgrams);
