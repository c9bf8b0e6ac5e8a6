using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace AutomationFleet.Portal.Charts;

/// <summary>
/// A chart drawn on the server as inline SVG, for pages where people would rather look than read: no script, no
/// client library, nothing from another origin, so the CSP stays <c>default-src 'self'</c>. The <c>&lt;svg&gt;</c> is
/// <c>role="img"</c>, named by its <c>&lt;title&gt;</c> and described by its <c>&lt;desc&gt;</c> (what it shows and its
/// extremes in words); each point has its own <c>&lt;title&gt;</c> as a tooltip. Pages put the same numbers in a table
/// beside it (in a <c>&lt;details&gt;</c>), which is what a screen reader or a copy-paste should use. With no points it
/// draws nothing and says so. Colours and lines come from <c>site.css</c> classes (the CSP refuses inline styles).
/// </summary>
public sealed class SvgChart
{
    /// <summary>The drawing's size in SVG units; it scales to the page's width.</summary>
    public const double Width = 640, Height = 240;

    /// <summary>Room for the axes' ticks and names around the plot.</summary>
    public const double Left = 56, Right = 16, Top = 12, Bottom = 44;

    private const int Ticks = 4;

    /// <summary>Creates a chart; nothing is drawn until <see cref="ToHtml"/>.</summary>
    /// <param name="id">The element id (unique on the page); the title and description ids derive from it.</param>
    /// <param name="title">The chart's accessible name.</param>
    /// <param name="description">What it shows, in a sentence; the extremes are added.</param>
    /// <param name="kind">Bars (one per point, in order) or a line through the points by their X.</param>
    /// <param name="x">The horizontal axis (for bars, only its name is used).</param>
    /// <param name="y">The vertical axis.</param>
    /// <param name="points">The values, in the order to draw.</param>
    public SvgChart(string id, string title, string description, ChartKind kind, ChartAxis x, ChartAxis y, IReadOnlyList<ChartPoint> points)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(points);
        Id = id;
        Title = title;
        Description = description;
        Kind = kind;
        X = x;
        Y = y;
        Points = points;
    }

    public string Id { get; }

    public string Title { get; }

    public string Description { get; }

    public ChartKind Kind { get; }

    public ChartAxis X { get; }

    public ChartAxis Y { get; }

    public IReadOnlyList<ChartPoint> Points { get; }

    private static double PlotWidth => Width - Left - Right;

    private static double PlotHeight => Height - Top - Bottom;

    /// <summary>Where a point is drawn, in SVG units: for a line, its X on the axis; for bars, the middle of its bar.</summary>
    public (double X, double Y) Position(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Points.Count);
        var point = Points[index];
        var x = Kind == ChartKind.Bars
            ? Left + ((index + 0.5) * PlotWidth / Points.Count)
            : Left + (Fraction(point.X, X) * PlotWidth);
        return (x, PlotY(point.Y));
    }

    /// <summary>The chart as HTML: the <c>&lt;svg&gt;</c>, or a sentence saying there is nothing to draw.</summary>
    public IHtmlContent ToHtml() => new HtmlString(ToMarkup());

    /// <summary>The markup of <see cref="ToHtml"/>.</summary>
    public string ToMarkup()
    {
        var encode = HtmlEncoder.Default;
        if (Points.Count == 0)
        {
            return $"<p class=\"chart-empty\" id=\"{encode.Encode(Id)}\">{encode.Encode(Title)}: no data to draw yet.</p>";
        }

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{encode.Encode(Id)}\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" aria-labelledby=\"{encode.Encode(Id)}-title\" aria-describedby=\"{encode.Encode(Id)}-desc\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{encode.Encode(Id)}-title\">{encode.Encode(Title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{encode.Encode(Id)}-desc\">{encode.Encode(Summary())}</desc>");
        AppendAxes(svg, encode);
        if (Kind == ChartKind.Bars)
        {
            AppendBars(svg, encode);
        }
        else
        {
            AppendLine(svg, encode);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The description with the extremes in words, so the picture's point is there without seeing it.</summary>
    public string Summary()
    {
        if (Points.Count == 0)
        {
            return Description;
        }

        var highest = Points.MaxBy(p => p.Y)!;
        var lowest = Points.MinBy(p => p.Y)!;
        return $"{Description} {Points.Count} points; highest {highest.Label}; lowest {lowest.Label}.";
    }

    private static double Fraction(double value, ChartAxis axis) =>
        axis.Max == axis.Min ? 0.5 : Math.Clamp((value - axis.Min) / (axis.Max - axis.Min), 0, 1);

    private double PlotY(double value) => Top + PlotHeight - (Fraction(value, Y) * PlotHeight);

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private void AppendAxes(StringBuilder svg, HtmlEncoder encode)
    {
        svg.Append("<g class=\"chart-axis\" aria-hidden=\"true\">");
        for (var i = 0; i <= Ticks; i++)
        {
            var value = Y.Min + ((Y.Max - Y.Min) * i / Ticks);
            var y = PlotY(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-grid\" x1=\"{N(Left)}\" y1=\"{N(y)}\" x2=\"{N(Width - Right)}\" y2=\"{N(y)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{encode.Encode(Y.Format(value))}</text>");
        }

        if (Kind == ChartKind.Line)
        {
            for (var i = 0; i <= Ticks; i++)
            {
                var value = X.Min + ((X.Max - X.Min) * i / Ticks);
                var x = Left + (Fraction(value, X) * PlotWidth);
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(Height - Bottom + 16)}\" text-anchor=\"middle\">{encode.Encode(X.Format(value))}</text>");
            }
        }
        else
        {
            // Bars: the first and last labels only; the table has them all.
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left)}\" y=\"{N(Height - Bottom + 16)}\" text-anchor=\"start\">{encode.Encode(X.Format(Points[0].X))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Width - Right)}\" y=\"{N(Height - Bottom + 16)}\" text-anchor=\"end\">{encode.Encode(X.Format(Points[^1].X))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-axis-name\" x=\"{N(Left + (PlotWidth / 2))}\" y=\"{N(Height - 6)}\" text-anchor=\"middle\">{encode.Encode(X.Name)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-axis-name\" x=\"12\" y=\"{N(Top + (PlotHeight / 2))}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {N(Top + (PlotHeight / 2))})\">{encode.Encode(Y.Name)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-baseline\" x1=\"{N(Left)}\" y1=\"{N(Top + PlotHeight)}\" x2=\"{N(Width - Right)}\" y2=\"{N(Top + PlotHeight)}\"/>");
        svg.Append("</g>");
    }

    private void AppendBars(StringBuilder svg, HtmlEncoder encode)
    {
        var band = PlotWidth / Points.Count;
        var baseline = Top + PlotHeight;
        for (var i = 0; i < Points.Count; i++)
        {
            var (x, y) = Position(i);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"chart-bar\" x=\"{N(x - (band * 0.4))}\" y=\"{N(y)}\" width=\"{N(band * 0.8)}\" height=\"{N(baseline - y)}\"><title>{encode.Encode(Points[i].Label)}</title></rect>");
        }
    }

    private void AppendLine(StringBuilder svg, HtmlEncoder encode)
    {
        var positions = Enumerable.Range(0, Points.Count).Select(Position).ToList();
        svg.Append(CultureInfo.InvariantCulture,
            $"<polyline class=\"chart-line\" points=\"{string.Join(' ', positions.Select(p => N(p.X) + "," + N(p.Y)))}\"/>");
        for (var i = 0; i < Points.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle class=\"chart-point\" cx=\"{N(positions[i].X)}\" cy=\"{N(positions[i].Y)}\" r=\"4\"><title>{encode.Encode(Points[i].Label)}</title></circle>");
        }
    }
}
