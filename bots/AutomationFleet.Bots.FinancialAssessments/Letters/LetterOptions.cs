using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Bots.FinancialAssessments.Letters;

/// <summary>
/// What the outcome letter says about the council (<c>FinancialAssessments:Letter</c>): who it is from, how to pay and
/// how to challenge, and the fonts it is set in. The defaults describe the fictional council of the samples.
/// </summary>
public sealed class LetterOptions
{
    /// <summary>The council's name, at the top of the letter. Default <c>Example County Council</c>.</summary>
    [Required]
    public string CouncilName { get; set; } = "Example County Council";

    /// <summary>The team that writes, and where to write back.</summary>
    [Required]
    public string TeamName { get; set; } = "Financial Assessment Team";

    // The lists default to null, not to the sample council's lines: the configuration binder appends a configured list
    // to an array that already holds items, so a council's own address would follow the sample one.

    /// <summary>The council's postal address, one line each. Default the sample council's.</summary>
    [MinLength(1)]
    public string[]? ReturnAddress { get; set; }

    /// <summary>The team's telephone number.</summary>
    [Required]
    public string Phone { get; set; } = "01632 960000";

    /// <summary>The team's e-mail address.</summary>
    [Required]
    public string Email { get; set; } = "financial.assessments@example.gov.uk";

    /// <summary>How often invoices are sent, as the letter says it (e.g. <c>every 4 weeks</c>).</summary>
    [Required]
    public string InvoiceFrequency { get; set; } = "every 4 weeks";

    /// <summary>How a person can pay, one sentence each. Default the sample council's.</summary>
    [MinLength(1)]
    public string[]? PaymentMethods { get; set; }

    /// <summary>The return address the letter uses.</summary>
    public IReadOnlyList<string> ReturnAddressLines => ReturnAddress ?? ["County Hall", "Sampleton", "SA1 1AA"];

    /// <summary>The payment methods the letter lists.</summary>
    public IReadOnlyList<string> PaymentMethodLines => PaymentMethods ??
    [
        "by Direct Debit (the easiest way: ask us for a form)",
        "online at www.example.gov.uk/pay, with the invoice number",
        "by telephone on 01632 960000, with a debit or credit card",
    ];

    /// <summary>How many working days a person has to ask for a review of the assessment. Default 28.</summary>
    [Range(1, 365)]
    public int ReviewRequestWorkingDays { get; set; } = 28;

    /// <summary>How many working days the manager or panel takes to answer an appeal. Default 14.</summary>
    [Range(1, 365)]
    public int AppealReplyWorkingDays { get; set; } = 14;

    /// <summary>The folder holding the fonts (Debian's fonts-dejavu-core). Default <c>/usr/share/fonts/truetype/dejavu</c>.</summary>
    [Required]
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";

    /// <summary>The regular face's file in <see cref="FontDirectory"/>. Default <c>DejaVuSans.ttf</c>.</summary>
    [Required]
    public string RegularFont { get; set; } = "DejaVuSans.ttf";

    /// <summary>The bold face's file in <see cref="FontDirectory"/>. Default <c>DejaVuSans-Bold.ttf</c>.</summary>
    [Required]
    public string BoldFont { get; set; } = "DejaVuSans-Bold.ttf";
}
