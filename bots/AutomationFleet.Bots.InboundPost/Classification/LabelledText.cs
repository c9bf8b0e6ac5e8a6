namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>One labelled example: the text, its category and an optional reference.</summary>
public sealed record LabelledText(string Text, string Label, string? Id = null);
