using UglyToad.PdfPig;

namespace AutomationFleet.Bots.FinancialAssessments.Tests.Letters;

/// <summary>A PDF read back with PdfPig: its words in reading order, joined by single spaces, and its smallest type size.</summary>
internal sealed record PdfText(string Text, int Pages, double SmallestPointSize)
{
    public static PdfText Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        var words = pages.SelectMany(p => p.GetWords()).Select(w => w.Text);
        var smallest = pages.SelectMany(p => p.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)).Min(l => l.PointSize);
        return new PdfText(string.Join(' ', words), pages.Count, smallest);
    }
}
