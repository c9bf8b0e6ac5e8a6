namespace AutomationFleet.Documents;

/// <summary>The formats the reader accepts.</summary>
public enum DocumentFormat
{
    /// <summary>Not recognised.</summary>
    Unknown,

    /// <summary>PDF.</summary>
    Pdf,

    /// <summary>TIFF, single or multi-page, any compression Leptonica/libtiff reads (incl. CCITT G3/G4).</summary>
    Tiff,

    /// <summary>PNG.</summary>
    Png,

    /// <summary>JPEG.</summary>
    Jpeg,
}
