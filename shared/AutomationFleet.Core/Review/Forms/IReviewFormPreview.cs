namespace AutomationFleet.Core.Review.Forms;

/// <summary>
/// A review form that can work out a draft as the reviewer types: the portal posts the unsaved correction values and
/// shows the evidence tables this returns in place of the ones it rendered. Optional: implement it on a bot's
/// <see cref="IReviewForm"/> when its evidence follows from the fields (a calculation); a form without it is
/// recalculated on submit only. Nothing is saved; <see cref="IReviewForm.Correct"/> on submit stays the authority.
/// </summary>
public interface IReviewFormPreview : IReviewForm
{
    /// <summary>
    /// The evidence tables for the values typed so far (by <see cref="CorrectionField.Name"/>). Values that do not yet
    /// make an outcome are not an error here: return a table saying what stops them, each problem naming its field.
    /// </summary>
    IReadOnlyList<EvidenceTable> Preview(ReviewTask task, IReadOnlyDictionary<string, string> values);
}
