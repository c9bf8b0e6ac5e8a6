using AutomationFleet.Bots.FinancialAssessments.Assessments;

namespace AutomationFleet.Bots.FinancialAssessments.Delivery;

/// <summary>
/// A decided outcome's letter: the assessment's reference, the charge, how it goes and to whom. The PDF is drawn the
/// first time a step asks for it, so the step that skips the case (post when it goes by e-mail, and the other way
/// round) draws nothing.
/// </summary>
public sealed class DecidedLetter(string reference, decimal weeklyCharge, bool largePrint, Addressee? addressee, LetterDelivery delivery, Func<byte[]> draw)
{
    private byte[]? _pdf;

    /// <summary>The assessment's reference (<c>FA-1</c>), quoted in the letter and the e-mail's subject.</summary>
    public string Reference => reference;

    public decimal WeeklyCharge => weeklyCharge;

    public bool LargePrint => largePrint;

    /// <summary>Who the letter is to; personal data, never logged.</summary>
    public Addressee? Addressee => addressee;

    public LetterDelivery Delivery => delivery;

    public byte[] Pdf => _pdf ??= draw();
}
