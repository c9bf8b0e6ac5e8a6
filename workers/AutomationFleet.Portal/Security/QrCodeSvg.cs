using System.Globalization;
using System.Text;
using QRCoder;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// A QR code as one SVG path (QRCoder makes the module matrix; the page draws it inline), so the CSP needs no
/// <c>data:</c> images or inline styles: the path's colour comes from <c>site.css</c>.
/// </summary>
/// <param name="Size">Modules per side, quiet zone included (the SVG's viewBox).</param>
/// <param name="Path">The dark modules as one path, one 1×1 square each.</param>
public sealed record QrCodeSvg(int Size, string Path)
{
    public static QrCodeSvg For(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var path = new StringBuilder();
        for (var y = 0; y < matrix.Count; y++)
        {
            for (var x = 0; x < matrix[y].Count; x++)
            {
                if (matrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        return new QrCodeSvg(matrix.Count, path.ToString());
    }
}
