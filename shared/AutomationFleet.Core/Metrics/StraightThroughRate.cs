namespace AutomationFleet.Core.Metrics;

/// <summary>Completed items of one bot and category, split by whether a person reviewed them.</summary>
/// <param name="Bot">The bot that decided the items.</param>
/// <param name="Category">The category (from the review task, or the outcome's <c>category</c> property); null when unknown.</param>
/// <param name="Automatic">Items completed without a review task.</param>
/// <param name="ViaReview">Items completed after review.</param>
public sealed record StraightThroughRate(string Bot, string? Category, int Automatic, int ViaReview)
{
    /// <summary>All completed items of this bot and category.</summary>
    public int Total => Automatic + ViaReview;

    /// <summary>The share completed straight through, 0..1; null when there were none.</summary>
    public double? Rate => Total == 0 ? null : (double)Automatic / Total;
}
