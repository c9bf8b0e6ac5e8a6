using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace AutomationFleet.Bots.FinancialAssessments.Letters;

/// <summary>
/// Lays text out down A4 pages: headings, wrapped paragraphs, bullets and figure rows (a label with its amount on the
/// right and the rule under it), starting a new page when one is full and numbering the pages at the end. PDFsharp
/// draws strings but does not wrap them, so wrapping by measured width is done here.
/// </summary>
internal sealed class LetterComposer : IDisposable
{
    private const double Margin = 56; // about 20 mm
    private const double AmountColumn = 110;

    private readonly PdfDocument _document = new();
    private readonly LetterStyle _style;
    private readonly XFont _body;
    private readonly XFont _bold;
    private readonly XFont _heading;
    private readonly XFont _small;
    private XGraphics _graphics = null!;
    private double _y;

    public LetterComposer(LetterStyle style, string title)
    {
        _style = style;
        _body = new XFont(LetterFonts.Family, style.Body, XFontStyleEx.Regular);
        _bold = new XFont(LetterFonts.Family, style.Body, XFontStyleEx.Bold);
        _heading = new XFont(LetterFonts.Family, style.Heading, XFontStyleEx.Bold);
        _small = new XFont(LetterFonts.Family, style.Note, XFontStyleEx.Regular);
        _document.Info.Title = title;
        NewPage();
    }

    private double Width => _graphics.PageSize.Width - (2 * Margin);

    private double Bottom => _graphics.PageSize.Height - Margin - (_style.Note * 2);

    public void Heading(string text)
    {
        Space(_style.Body * 0.6);
        // Keep a heading with at least two lines of what follows it.
        Lines(text, _heading, Width, indent: 0, keepWith: _style.Body * 3);
        Space(_style.Body * 0.2);
    }

    public void Paragraph(string text, bool bold = false)
    {
        Lines(text, bold ? _bold : _body, Width, indent: 0);
        Space(_style.Body * 0.5);
    }

    public void Note(string text) => Lines(text, _small, Width, indent: 0);

    public void Bullet(string text)
    {
        var indent = _style.Body * 1.4;
        EnsureRoom(LineHeight(_body));
        _graphics.DrawString("•", _body, XBrushes.Black, Margin + (_style.Body * 0.3), _y, XStringFormats.TopLeft);
        Lines(text, _body, Width - indent, indent);
        Space(_style.Body * 0.25);
    }

    /// <summary>A figure: its label on the left (wrapped), the amount on the right, and a note (the rule, the rate) under it.</summary>
    public void Figure(string label, string amount, string? note = null, bool bold = false)
    {
        var font = bold ? _bold : _body;
        var amountWidth = AmountColumn * _style.Body / 11;
        var labelLines = Wrap(label, font, Width - amountWidth - 8);
        var noteLines = note is null ? [] : Wrap(note, _small, Width - amountWidth - 8);
        EnsureRoom((labelLines.Count * LineHeight(font)) + (noteLines.Count * LineHeight(_small)));
        _graphics.DrawString(amount, font, XBrushes.Black, new XRect(Margin, _y, Width, LineHeight(font)), XStringFormats.TopRight);
        foreach (var line in labelLines)
        {
            _graphics.DrawString(line, font, XBrushes.Black, Margin, _y, XStringFormats.TopLeft);
            _y += LineHeight(font);
        }

        foreach (var line in noteLines)
        {
            _graphics.DrawString(line, _small, XBrushes.DimGray, Margin + 8, _y, XStringFormats.TopLeft);
            _y += LineHeight(_small);
        }

        Space(_style.Body * 0.3);
    }

    /// <summary>Text placed at the right margin (the sender's address block), one line each, from the current line.</summary>
    public void RightBlock(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            EnsureRoom(LineHeight(_body));
            _graphics.DrawString(line, _body, XBrushes.Black, new XRect(Margin, _y, Width, LineHeight(_body)), XStringFormats.TopRight);
            _y += LineHeight(_body);
        }
    }

    public void Space(double points) => _y += points;

    /// <summary>Numbers the pages and returns the PDF.</summary>
    public byte[] Finish()
    {
        _graphics.Dispose();
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var footer = $"Page {i + 1} of {count}";
            graphics.DrawString(footer, _small, XBrushes.Black,
                new XRect(Margin, graphics.PageSize.Height - Margin, graphics.PageSize.Width - (2 * Margin), _style.Note * 1.5), XStringFormats.TopCenter);
        }

        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose() => _document.Dispose();

    private void Lines(string text, XFont font, double width, double indent, double keepWith = 0)
    {
        var lines = Wrap(text, font, width);
        EnsureRoom(Math.Min(lines.Count * LineHeight(font), Bottom - Margin) + keepWith);
        foreach (var line in lines)
        {
            EnsureRoom(LineHeight(font));
            _graphics.DrawString(line, font, XBrushes.Black, Margin + indent, _y, XStringFormats.TopLeft);
            _y += LineHeight(font);
        }
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (line.Length > 0 && _graphics.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private static double LineHeight(XFont font) => font.Size * 1.3;

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom)
        {
            _graphics.Dispose();
            NewPage();
        }
    }

    private void NewPage()
    {
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
    }
}

/// <summary>Type sizes in points: the standard letter, or large print (16 point and up, as RNIB's clear-print guidance asks).</summary>
internal sealed record LetterStyle(double Body, double Heading, double Note)
{
    public static readonly LetterStyle Standard = new(11, 14, 9);

    public static readonly LetterStyle LargePrint = new(16, 20, 16);
}
