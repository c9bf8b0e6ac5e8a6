using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// One long-lived sandbox child, the worker's end of <see cref="SandboxFrames"/>: started in an empty working folder
/// of its own, it loads its OCR engines once and then reads the documents it is given one at a time. Its stdout is
/// read up to a byte cap per answer, its stderr kept only for a set-up failure's message. Whatever goes wrong with a
/// document — the child crashing, running past the document's time limit (the caller's token), answering over the cap
/// or with something unreadable — the child is killed and must not be used again; <see cref="Dispose"/> kills it and
/// removes its folder. Not thread-safe: one document at a time.
/// </summary>
internal sealed class SandboxChild : IDisposable
{
    private const int SignalExitBase = 128;
    private const int SigAbrt = 6;
    private const int SigKill = 9;
    private const int SigSegv = 11;
    private const int SigXcpu = 24;
    private const int MaxErrorBytes = 4096;

    private readonly Process _process;
    private readonly DirectoryInfo _workingDirectory;
    private readonly SandboxArguments _arguments;
    private readonly long _maxOutputBytes;
    private readonly MemoryStream _errors = new();
    private readonly Task _readErrors;
    private int _disposed;

    private SandboxChild(Process process, DirectoryInfo workingDirectory, SandboxArguments arguments, long maxOutputBytes)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        _arguments = arguments;
        _maxOutputBytes = maxOutputBytes;
        _readErrors = KeepErrorsAsync(process.StandardError.BaseStream, _errors);
    }

    /// <summary>The child's process id (for tests and operators looking at /proc).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Documents sent to this child so far.</summary>
    public int DocumentsRead { get; private set; }

    /// <summary>
    /// Starts a child and waits until it has set its limits and loaded its OCR engines. Throws
    /// <see cref="InvalidOperationException"/> with the reason when it cannot (a fault of the installation, not of a
    /// document), and <see cref="OperationCanceledException"/> when cancelled (the child is then killed).
    /// </summary>
    public static async Task<(SandboxChild Child, SandboxResponse Ready)> StartAsync(
        SandboxCommand command, SandboxArguments arguments, long maxOutputBytes, CancellationToken cancellationToken)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("fleet-sandbox-");
        Process process;
        try
        {
            process = Process.Start(command.CreateStartInfo(arguments, workingDirectory.FullName))
                ?? throw new InvalidOperationException("The document sandbox process did not start.");
        }
        catch
        {
            TryDelete(workingDirectory);
            throw;
        }

        var child = new SandboxChild(process, workingDirectory, arguments, maxOutputBytes);
        try
        {
            byte[]? ready;
            using (cancellationToken.Register(child.Kill))
            {
                ready = await SandboxFrames.ReadResponseAsync(process.StandardOutput.BaseStream, maxOutputBytes, CancellationToken.None);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (ready is null || Parse(ready) is not { } response)
            {
                throw child.StartFailed();
            }

            return (child, response);
        }
        catch (DocumentRejectedException ex)
        {
            child.Dispose();
            throw new InvalidOperationException($"The document sandbox did not start: {ex.Message}.", ex);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends one document and returns the child's answer (pages or a rejection), or throws
    /// <see cref="DocumentRejectedException"/> for what the document did to the child (crash, limits), after which the
    /// child is dead. When <paramref name="cancellationToken"/> is cancelled the child is killed and
    /// <see cref="OperationCanceledException"/> thrown.
    /// </summary>
    public async Task<SandboxResponse> ReadAsync(DocumentFormat format, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        DocumentsRead++;
        byte[]? answer;

        // Pipe reads and writes are not cancellable on every platform; killing the child ends them at once.
        using (cancellationToken.Register(Kill))
        {
            try
            {
                await SandboxFrames.WriteRequestAsync(_process.StandardInput.BaseStream, format, content, CancellationToken.None);
            }
            catch (IOException)
            {
                // The child died before reading all of the document; its exit code tells what happened.
            }

            try
            {
                answer = await SandboxFrames.ReadResponseAsync(_process.StandardOutput.BaseStream, _maxOutputBytes, CancellationToken.None);
            }
            catch (DocumentRejectedException)
            {
                Kill();
                throw;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (answer is not null && Parse(answer) is { } response)
        {
            return response;
        }

        // No answer, or one that is not a response: the child is dead or not to be trusted; its exit says why.
        Kill();
        await _process.WaitForExitAsync(CancellationToken.None);
        throw Interpret(_process.ExitCode);
    }

    /// <summary>Kills the child (if it still runs), waits for it and removes its working folder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Kill();
        try
        {
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        TryDelete(_workingDirectory);
    }

    private static SandboxResponse? Parse(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SandboxJsonContext.Default.SandboxResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private InvalidOperationException StartFailed()
    {
        Kill();
        _process.WaitForExit();
        _readErrors.Wait(TimeSpan.FromSeconds(5));
        string errors;
        lock (_errors)
        {
            errors = Encoding.UTF8.GetString(_errors.GetBuffer(), 0, (int)_errors.Length).Trim();
        }

        var exitCode = _process.ExitCode;
        return exitCode == SandboxProgram.SetupFailedExitCode
            ? new InvalidOperationException("The document sandbox could not set itself up: " + errors)
            : new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The document sandbox did not start (exit code {exitCode}): {(errors.Length > 0 ? errors : "no message")}"));
    }

    private DocumentRejectedException Interpret(int exitCode)
    {
        var signal = exitCode > SignalExitBase ? exitCode - SignalExitBase : 0;
        var ci = CultureInfo.InvariantCulture;
        return signal switch
        {
            // SIGXCPU at the soft CPU limit (its default action ends the process; the runtime does not catch it).
            SigXcpu => new DocumentRejectedException(
                DocumentRejectionKind.Timeout,
                string.Create(ci, $"reading the document used more than the sandbox's CPU time limit of {_arguments.CpuSeconds:N0} s")),
            // Killed by the kernel or from outside; the worker itself kills only on paths that do not come here.
            SigKill => new DocumentRejectedException(
                DocumentRejectionKind.Damaged,
                string.Create(ci, $"the document reader was killed (signal 9): by the sandbox's hard CPU time limit of {_arguments.LifetimeCpuSeconds:N0} s for its life, by the system running out of memory, or by an operator")),
            SigAbrt or SigSegv => new DocumentRejectedException(
                DocumentRejectionKind.Damaged,
                string.Create(ci, $"the document reader crashed on this file (sandbox exit code {exitCode}, signal {signal}; allocations over the sandbox's address-space limit of {_arguments.AddressSpaceBytes / (1024 * 1024):N0} MB end this way too)")),
            _ => new DocumentRejectedException(
                DocumentRejectionKind.Damaged,
                string.Create(ci, $"the document reader crashed on this file (sandbox exit code {exitCode})")),
        };
    }

    private static async Task KeepErrorsAsync(Stream source, MemoryStream destination)
    {
        // Drained for the child's whole life so it never blocks on a full pipe; only the first bytes are kept.
        var buffer = new byte[4096];
        int read;
        try
        {
            while ((read = await source.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                lock (destination)
                {
                    var room = MaxErrorBytes - destination.Length;
                    destination.Write(buffer, 0, (int)Math.Clamp(room, 0, read));
                }
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner; it holds nothing of any document (the child cannot write there).
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
