namespace AutomationFleet.Bots.FinancialAssessments.Assessments;

/// <summary>
/// How the outcome letter goes out, from the document's <c>delivery</c> block: by post (the print folder; the default
/// when the document says nothing) or by e-mail to the person or their representative (<see cref="Email"/>), with a
/// copy to the social worker (<see cref="CopyTo"/>). The addresses are personal data: never log them.
/// </summary>
public sealed record LetterDelivery(DeliveryMethod Method, string? Email = null, string? CopyTo = null)
{
    /// <summary>By post, through the print folder: what a document without a <c>delivery</c> block gets.</summary>
    public static LetterDelivery Post { get; } = new(DeliveryMethod.Post);
}

public enum DeliveryMethod
{
    Post,
    Email,
}
