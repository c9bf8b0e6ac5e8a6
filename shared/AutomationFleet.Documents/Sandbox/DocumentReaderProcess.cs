using System.Globalization;
using AutomationFleet.Documents.Formats;
using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// The reader for untrusted input. Each document is read whole — PDF parsing, image headers, decoding, deskew and
/// OCR — in a child process (AutomationFleet.Documents.Sandbox) that has an empty environment, an empty working
/// folder, its own address-space and CPU limits, a network namespace of its own and, when the worker is root, a user
/// of its own; its answer is read up to <see cref="DocumentSandboxOptions.MaxOutputBytes"/>, and it is killed when
/// <see cref="DocumentLimits.PerDocumentTimeout"/> runs out. So a parser or decoder hang, crash, bomb or exploit
/// costs one rejected document, never the worker. This process never calls Leptonica or Tesseract on the bytes.
/// One child reads all the pages of its document (its engines load once per document, not once per page); at most
/// <see cref="OcrOptions.MaxEngines"/> children run at once.
/// </summary>
public sealed class DocumentReaderProcess : IDocumentReader, IDisposable
{
    private readonly DocumentLimits _limits;
    private readonly OcrOptions _ocr;
    private readonly DocumentSandboxOptions _options;
    private readonly Lazy<(DocumentSandboxIsolation Isolation, SandboxCommand Command)> _sandbox;
    private readonly SemaphoreSlim _children;

    /// <summary>Creates the reader. The machine is probed for what isolation it allows on first use (see <see cref="Isolation"/>).</summary>
    /// <param name="limits">Limits for hostile input.</param>
    /// <param name="ocr">OCR settings for the child's engines; <see cref="OcrOptions.MaxEngines"/> also bounds the children at once.</param>
    /// <param name="sandbox">How to start and bound the child process; null for the defaults.</param>
    public DocumentReaderProcess(DocumentLimits limits, OcrOptions ocr, DocumentSandboxOptions? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(ocr);
        _limits = limits;
        _ocr = ocr;
        _options = sandbox ?? new DocumentSandboxOptions();
        _sandbox = new(() =>
        {
            var (isolation, prefix) = SandboxIsolationProbe.Detect(_options);
            return (isolation, new SandboxCommand(_options, prefix));
        });
        _children = new SemaphoreSlim(ocr.MaxEngines, ocr.MaxEngines);
    }

    /// <summary>What the boundary is on this machine: network namespace, user, warnings and errors (probed once).</summary>
    public DocumentSandboxIsolation Isolation => _sandbox.Value.Isolation;

    /// <summary>The environment every child gets (names and values): only runtime settings, nothing of the worker's.</summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment => _sandbox.Value.Command.Environment();

    /// <summary>
    /// Starts one child that loads an OCR engine and reads nothing, so an installation fault (the sandbox assembly or
    /// the language model unreadable by the sandbox's user, the limits too tight for the runtime) stops start-up
    /// rather than failing every document. Throws <see cref="InvalidOperationException"/> with the reason.
    /// </summary>
    /// <param name="cancellationToken">Stops the check.</param>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var command = Command();
        try
        {
            _ = await SandboxProcess.RunAsync(command, Arguments(DocumentFormat.Unknown, checkOnly: true), ReadOnlyMemory<byte>.Empty, _options.MaxOutputBytes, cancellationToken);
        }
        catch (DocumentRejectedException ex)
        {
            // E.g. a CPU limit too small for the runtime to start and load a language.
            throw new InvalidOperationException($"The document sandbox does not start on this machine as configured: {ex.Message}.", ex);
        }
    }

    /// <inheritdoc />
    public async Task<ReadDocument> ReadAsync(Stream content, string? nameOrMediaType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = await DocumentBytes.ReadAsync(content, _limits.MaxFileBytes, cancellationToken);
        return await ReadAsync(bytes, nameOrMediaType, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ReadDocument> ReadAsync(ReadOnlyMemory<byte> content, string? nameOrMediaType, CancellationToken cancellationToken)
    {
        DocumentBytes.CheckSize(content.Length, _limits.MaxFileBytes);

        // Format detection only compares the first bytes and the name's extension: managed code, safe here.
        var format = DocumentFormatDetector.Detect(content.Span, nameOrMediaType);
        if (format == DocumentFormat.Unknown)
        {
            throw new DocumentRejectedException(DocumentRejectionKind.UnsupportedFormat, "the file is not a PDF, TIFF, PNG or JPEG");
        }

        var command = Command();
        await _children.WaitAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_limits.PerDocumentTimeout);
            var started = OcrMetrics.Start();
            SandboxResponse response;
            try
            {
                response = await SandboxProcess.RunAsync(command, Arguments(format, checkOnly: false), content, _options.MaxOutputBytes, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DocumentRejectedException(
                    DocumentRejectionKind.Timeout,
                    string.Create(CultureInfo.InvariantCulture, $"reading the document took longer than its limit of {_limits.PerDocumentTimeout.TotalSeconds:0.#} s"));
            }

            OcrMetrics.Record(OcrMetrics.StageSandbox, started);
            OcrMetrics.RecordMilliseconds(OcrMetrics.StageSandboxStart, response.StartupMilliseconds);
            foreach (var stage in response.Stages ?? [])
            {
                OcrMetrics.RecordMilliseconds(stage.Stage, stage.Milliseconds);
            }

            if (response.RejectionKind is { } kind)
            {
                throw new DocumentRejectedException(kind, response.RejectionReason ?? "the document was rejected");
            }

            return new ReadDocument(response.Format, response.Pages ?? []);
        }
        finally
        {
            _children.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _children.Dispose();

    private SandboxCommand Command()
    {
        var (isolation, command) = _sandbox.Value;
        if (isolation.Errors.Count > 0)
        {
            // A fault of the installation, not of the document: the item is retried, not quarantined.
            throw new InvalidOperationException("The document sandbox cannot run as configured: " + string.Join("; ", isolation.Errors) + ".");
        }

        return command;
    }

    private SandboxArguments Arguments(DocumentFormat format, bool checkOnly) =>
        new(format, _limits, _ocr, _options.AddressSpaceLimitBytes, (int)Math.Ceiling(_options.CpuTimeLimit.TotalSeconds), checkOnly);
}
