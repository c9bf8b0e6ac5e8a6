namespace AutomationFleet.Documents;

/// <summary>
/// A document broke a limit or could not be read. <see cref="Exception.Message"/> is the reason, written for the
/// reviewer who sees the quarantined item (it never contains the file's name or content).
/// </summary>
public sealed class DocumentRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DocumentRejectedException()
        : this(DocumentRejectionKind.Damaged, "the document could not be read")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The reason.</param>
    public DocumentRejectedException(string message)
        : this(DocumentRejectionKind.Damaged, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="innerException">The parser's exception.</param>
    public DocumentRejectedException(string message, Exception innerException)
        : this(DocumentRejectionKind.Damaged, message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind of rejection.</param>
    /// <param name="message">The reason.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public DocumentRejectedException(DocumentRejectionKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>The kind of rejection.</summary>
    public DocumentRejectionKind Kind { get; }
}
