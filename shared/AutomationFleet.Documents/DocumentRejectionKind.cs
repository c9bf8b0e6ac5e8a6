namespace AutomationFleet.Documents;

/// <summary>Why a document was rejected.</summary>
public enum DocumentRejectionKind
{
    /// <summary>The file has no content.</summary>
    Empty,

    /// <summary>The file is not a format the reader handles.</summary>
    UnsupportedFormat,

    /// <summary>The file is bigger than <see cref="DocumentLimits.MaxFileBytes"/>.</summary>
    FileTooLarge,

    /// <summary>More pages than <see cref="DocumentLimits.MaxPages"/>.</summary>
    TooManyPages,

    /// <summary>A page image larger than <see cref="DocumentLimits.MaxPixelsPerPage"/>.</summary>
    TooManyPixels,

    /// <summary>Decoding would need more than <see cref="DocumentLimits.MaxDecompressedBytes"/>.</summary>
    DecompressedTooLarge,

    /// <summary>A page or the document took longer than its time limit.</summary>
    Timeout,

    /// <summary>The PDF is encrypted.</summary>
    Encrypted,

    /// <summary>The file is damaged or cannot be parsed (including a parser crash in the sandbox).</summary>
    Damaged,

    /// <summary>The sandbox's answer for the file was over <see cref="Sandbox.DocumentSandboxOptions.MaxOutputBytes"/>.</summary>
    OutputTooLarge,
}
