using PdfSharp.Fonts;

namespace AutomationFleet.Bots.FinancialAssessments.Letters;

/// <summary>
/// The letter's fonts for PDFsharp, read from font files on disk (Debian's fonts-dejavu-core): PDFsharp 6 on Linux
/// finds no system fonts by itself. PDFsharp holds one resolver for the whole process and refuses a second once fonts
/// are in use, so the first configuration wins; a later one naming other files is a fault, reported, not ignored.
/// </summary>
public sealed class LetterFonts : IFontResolver
{
    /// <summary>The family name the letter asks for.</summary>
    public const string Family = "Letter";

    private const string RegularFace = "letter-regular";
    private const string BoldFace = "letter-bold";

    private static readonly Lock Gate = new();
    private static LetterFonts? _installed;

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private LetterFonts(string regularPath, string boldPath)
    {
        RegularPath = regularPath;
        BoldPath = boldPath;
        _regular = File.ReadAllBytes(regularPath);
        _bold = File.ReadAllBytes(boldPath);
    }

    public string RegularPath { get; }

    public string BoldPath { get; }

    /// <summary>What is wrong with the configured fonts (a missing file, with the package that provides it); empty when usable.</summary>
    public static IReadOnlyList<string> Problems(LetterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new[] { (nameof(options.RegularFont), options.RegularFont), (nameof(options.BoldFont), options.BoldFont) }
            .Select(f => (f.Item1, Path: Path.Combine(options.FontDirectory, f.Item2)))
            .Where(f => !File.Exists(f.Path))
            .Select(f => $"{FinancialAssessmentsOptions.SectionName}:Letter:{f.Item1}: the font file '{f.Path}' does not exist; install Debian's fonts-dejavu-core (./fleet.sh does) or point FontDirectory at the folder holding it.")
            .ToList();
    }

    /// <summary>Installs the configured fonts as PDFsharp's resolver, once per process; throws naming the missing file.</summary>
    public static void Install(LetterOptions options)
    {
        var problems = Problems(options);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        var regular = Path.GetFullPath(Path.Combine(options.FontDirectory, options.RegularFont));
        var bold = Path.GetFullPath(Path.Combine(options.FontDirectory, options.BoldFont));
        lock (Gate)
        {
            if (_installed is null)
            {
                _installed = new LetterFonts(regular, bold);
                GlobalFontSettings.FontResolver = _installed;
            }
            else if (_installed.RegularPath != regular || _installed.BoldPath != bold)
            {
                throw new InvalidOperationException(
                    $"The letter fonts are already {_installed.RegularPath} and {_installed.BoldPath} in this process; PDFsharp cannot change them to {regular} and {bold}.");
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? BoldFace : RegularFace)
            : null;

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => _regular,
        BoldFace => _bold,
        _ => null,
    };
}
