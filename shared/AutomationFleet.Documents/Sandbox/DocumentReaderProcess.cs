using System.Globalization;
using AutomationFleet.Documents.Formats;
using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// The reader for untrusted input. Each document is read whole — PDF parsing, image headers, decoding, deskew and
/// OCR — in a sandbox child process (AutomationFleet.Documents.Sandbox) that has an empty environment, an empty working
/// folder, its own address-space and CPU limits, a network namespace of its own and, when the worker is root, a user
/// of its own; its answer is read up to <see cref="DocumentSandboxOptions.MaxOutputBytes"/>, and it is killed when
/// <see cref="DocumentLimits.PerDocumentTimeout"/> runs out. So a parser or decoder hang, crash, bomb or exploit
/// costs one rejected document, never the worker. This process never calls Leptonica or Tesseract on the bytes.
/// <para>
/// Children are long-lived and pooled: at most <see cref="OcrOptions.MaxEngines"/> read at once, each reading one
/// document after another with its OCR engines loaded once. A child is ended, and a new one started for the next
/// document, when it crashes or is killed (time, CPU or memory limit, answer over the cap), when a document it read was
/// rejected, and after <see cref="DocumentSandboxOptions.DocumentsPerChild"/> documents. The trade-off: a file that took
/// over a child could see the documents that child reads after it, at most <c>DocumentsPerChild - 1</c> of them; set
/// it to 1 for a child per document.
/// </para>
/// </summary>
public sealed class DocumentReaderProcess : IDocumentReader, IDisposable
{
    private static readonly TimeSpan ChildStartTimeout = TimeSpan.FromMinutes(1);
    private readonly DocumentLimits _limits;
    private readonly OcrOptions _ocr;
    private readonly DocumentSandboxOptions _options;
    private readonly Lazy<(DocumentSandboxIsolation Isolation, SandboxCommand Command)> _sandbox;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _lock = new();
    private readonly Stack<SandboxChild> _idle = new();
    private readonly HashSet<SandboxChild> _live = [];
    private int _childrenStarted;
    private bool _disposed;

    /// <summary>Creates the reader. The machine is probed for what isolation it allows on first use (see <see cref="Isolation"/>).</summary>
    /// <param name="limits">Limits for hostile input.</param>
    /// <param name="ocr">OCR settings for the children's engines; <see cref="OcrOptions.MaxEngines"/> also bounds the children at once.</param>
    /// <param name="sandbox">How to start and bound the child processes; null for the defaults.</param>
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
        _slots = new SemaphoreSlim(ocr.MaxEngines, ocr.MaxEngines);
    }

    /// <summary>What the boundary is on this machine: network namespace, user, warnings and errors (probed once).</summary>
    public DocumentSandboxIsolation Isolation => _sandbox.Value.Isolation;

    /// <summary>The environment every child gets (names and values): only runtime settings, nothing of the worker's.</summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment => _sandbox.Value.Command.Environment();

    /// <summary>Sandbox children started since this reader was made (each loads its OCR engines once).</summary>
    public int ChildrenStarted => Volatile.Read(ref _childrenStarted);

    /// <summary>
    /// Starts the pool's children (<see cref="OcrOptions.MaxEngines"/> of them, less those already idle), each loading its
    /// OCR engines, and keeps them for the first documents; so an installation fault (the sandbox assembly or the
    /// language model unreadable by the sandbox's user, the limits too tight for the runtime) stops start-up rather than
    /// failing every document, and no early document waits for a child to start. Throws
    /// <see cref="InvalidOperationException"/> with the reason.
    /// </summary>
    /// <param name="cancellationToken">Stops the check.</param>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var command = Command();
        int wanted;
        lock (_lock)
        {
            wanted = _ocr.MaxEngines - _idle.Count;
        }

        var started = new List<SandboxChild>();
        try
        {
            var starting = Enumerable.Range(0, Math.Max(0, wanted)).Select(async _ =>
            {
                await _slots.WaitAsync(cancellationToken);
                try
                {
                    var child = await StartChildAsync(command, cancellationToken);
                    lock (_lock)
                    {
                        started.Add(child);
                    }
                }
                finally
                {
                    _slots.Release();
                }
            }).ToList();
            await Task.WhenAll(starting);
        }
        catch
        {
            started.ForEach(End);
            throw;
        }

        started.ForEach(Return);
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
        await _slots.WaitAsync(cancellationToken);
        SandboxChild? child = null;
        var keep = false;
        try
        {
            child = TakeIdle() ?? await StartChildInTimeAsync(command, cancellationToken);

            // The document's time limit counts from when it is sent: a child's start is not the document's doing.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_limits.PerDocumentTimeout);
            try
            {
                var started = OcrMetrics.Start();
                var response = await child.ReadAsync(format, content, timeout.Token);
                OcrMetrics.Record(OcrMetrics.StageSandbox, started);
                foreach (var stage in response.Stages ?? [])
                {
                    OcrMetrics.RecordMilliseconds(stage.Stage, stage.Milliseconds);
                }

                if (response.RejectionKind is { } kind)
                {
                    // The child read a file that was refused: whatever that file did to it, it reads nothing more.
                    throw new DocumentRejectedException(kind, response.RejectionReason ?? "the document was rejected");
                }

                keep = child.DocumentsRead < _options.DocumentsPerChild;
                return new ReadDocument(response.Format, response.Pages ?? []);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DocumentRejectedException(
                    DocumentRejectionKind.Timeout,
                    string.Create(CultureInfo.InvariantCulture, $"reading the document took longer than its limit of {_limits.PerDocumentTimeout.TotalSeconds:0.#} s"));
            }
        }
        finally
        {
            if (child is not null)
            {
                if (keep)
                {
                    Return(child);
                }
                else
                {
                    End(child);
                }
            }

            _slots.Release();
        }
    }

    /// <summary>Ends every child (killed, its folder removed); documents being read fail.</summary>
    public void Dispose()
    {
        List<SandboxChild> children;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            children = [.. _live];
            _live.Clear();
            _idle.Clear();
        }

        children.ForEach(c => c.Dispose());
    }

    private async Task<SandboxChild> StartChildInTimeAsync(SandboxCommand command, CancellationToken cancellationToken)
    {
        // A start takes about a second; on a machine too busy to manage it in a minute (or the document's own limit,
        // when that is longer) nothing would be read anyway.
        var limit = _limits.PerDocumentTimeout > ChildStartTimeout ? _limits.PerDocumentTimeout : ChildStartTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            return await StartChildAsync(command, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing of the document has reached the child yet: a fault of the machine, retried, not a rejection.
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The document sandbox did not start within {limit.TotalSeconds:0.#} s."));
        }
    }

    private async Task<SandboxChild> StartChildAsync(SandboxCommand command, CancellationToken cancellationToken)
    {
        var (child, ready) = await SandboxChild.StartAsync(command, Arguments(), _options.MaxOutputBytes, cancellationToken);
        Interlocked.Increment(ref _childrenStarted);
        OcrMetrics.RecordMilliseconds(OcrMetrics.StageSandboxStart, ready.StartupMilliseconds);
        foreach (var stage in ready.Stages ?? [])
        {
            OcrMetrics.RecordMilliseconds(stage.Stage, stage.Milliseconds);
        }

        lock (_lock)
        {
            if (!_disposed)
            {
                _live.Add(child);
                return child;
            }
        }

        child.Dispose();
        throw new ObjectDisposedException(nameof(DocumentReaderProcess));
    }

    private SandboxChild? TakeIdle()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _idle.TryPop(out var child) ? child : null;
        }
    }

    private void Return(SandboxChild child)
    {
        lock (_lock)
        {
            // Never more idle children than can read at once (a check racing with reads could start extra ones).
            if (!_disposed && _live.Contains(child) && _idle.Count < _ocr.MaxEngines)
            {
                _idle.Push(child);
                return;
            }

            _live.Remove(child);
        }

        child.Dispose();
    }

    private void End(SandboxChild child)
    {
        lock (_lock)
        {
            _live.Remove(child);
        }

        child.Dispose();
    }

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

    private SandboxArguments Arguments() =>
        new(_limits, _ocr, _options.AddressSpaceLimitBytes, (int)Math.Ceiling(_options.CpuTimeLimit.TotalSeconds), _options.DocumentsPerChild);
}
