using System.Globalization;
using System.Text;

namespace AutomationFleet.Documents.Tests;

/// <summary>Minimal PDFs written byte by byte, with a correct cross-reference table, for hostile-input tests.</summary>
internal static class HandMadePdf
{
    /// <summary>A one-page PDF whose trailer names a Standard security handler (RC4 128) whose user password is not empty.</summary>
    public static byte[] Encrypted() => Build(
        ["<< /Type /Catalog /Pages 2 0 R >>",
         "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
         "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <" + new string('7', 64) + "> /U <" + new string('3', 64) + "> >>"],
        "/Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]");

    /// <summary>A PDF whose catalog holds an array nested <paramref name="depth"/> deep: a stack-overflow bait.</summary>
    public static byte[] DeeplyNested(int depth) => Build(
        ["<< /Type /Catalog /Pages 2 0 R /Bait " + new string('[', depth) + new string(']', depth) + " >>",
         "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"],
        string.Empty);

    private static byte[] Build(string[] objects, string trailerExtra)
    {
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R {trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
