namespace AutomationFleet.Core.Review.Forms;

/// <summary>
/// A bot's part of the review portal's item page: its evidence, laid out for a person, and its correction form. The
/// portal renders what this returns and hands the submitted values back; it never interprets a bot's evidence or
/// outcome JSON itself, and a reviewer never edits raw JSON. Register one per bot as a singleton
/// <see cref="IReviewForm"/>; the portal picks it by <see cref="ReviewRequest.Bot"/>.
/// </summary>
public interface IReviewForm
{
    /// <summary>The bot whose review tasks this form is for (<see cref="Bots.IBot.Name"/>).</summary>
    string Bot { get; }

    /// <summary>The evidence tables and the correction fields for one task, prefilled with the bot's proposal.</summary>
    ReviewView Present(ReviewTask task);

    /// <summary>
    /// Turns the values a reviewer submitted (by <see cref="CorrectionField.Name"/>) into the corrected outcome. Throws
    /// <see cref="ReviewFormException"/> with a message for the reviewer when the values do not make an outcome.
    /// </summary>
    ReviewCorrection Correct(ReviewTask task, IReadOnlyDictionary<string, string> values);
}
