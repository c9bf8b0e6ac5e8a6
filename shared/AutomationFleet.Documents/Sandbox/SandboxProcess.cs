using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// Runs one sandbox child to its end: the document on its stdin, its stdout read up to a byte cap, its stderr kept
/// only for a set-up failure's message. The child is killed (with its tree) when its output goes over the cap or
/// the caller cancels (the document's time limit), and its empty working folder is removed afterwards.
/// </summary>
internal static class SandboxProcess
{
    private const int SignalExitBase = 128;
    private const int SigAbrt = 6;
    private const int SigKill = 9;
    private const int SigSegv = 11;
    private const int SigXcpu = 24;
    private const int MaxErrorBytes = 4096;

    /// <summary>Runs the child; returns its response, or throws <see cref="DocumentRejectedException"/> for what the document did to it.</summary>
    public static async Task<SandboxResponse> RunAsync(
        SandboxCommand command, SandboxArguments arguments, ReadOnlyMemory<byte> input, long maxOutputBytes, CancellationToken cancellationToken)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("fleet-sandbox-");
        try
        {
            var start = command.CreateStartInfo(arguments, workingDirectory.FullName);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("The document sandbox process did not start.");
            var finished = false;
            try
            {
                using var overCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var stdout = new MemoryStream();
                var readOutput = ReadCappedAsync(process.StandardOutput.BaseStream, stdout, maxOutputBytes, overCap);
                var stderr = new MemoryStream();
                var readErrors = ReadCappedAsync(process.StandardError.BaseStream, stderr, MaxErrorBytes, cancelWhenOver: null);
                await WriteInputAsync(process, input, overCap.Token);
                try
                {
                    await process.WaitForExitAsync(overCap.Token);
                    await Task.WhenAll(readOutput, readErrors);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Kill(process);
                    throw OutputTooLarge(maxOutputBytes);
                }

                // The cap may also be passed by the last bytes, after the child has exited.
                if (overCap.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw OutputTooLarge(maxOutputBytes);
                }

                finished = true;
                return Interpret(process.ExitCode, stdout, stderr, arguments);
            }
            finally
            {
                if (!finished)
                {
                    Kill(process);
                }
            }
        }
        finally
        {
            TryDelete(workingDirectory);
        }
    }

    private static DocumentRejectedException OutputTooLarge(long maxOutputBytes) => new(
        DocumentRejectionKind.OutputTooLarge,
        string.Create(CultureInfo.InvariantCulture, $"the document reader's answer was over {maxOutputBytes:N0} bytes, the sandbox's output limit; the reader was stopped"));

    private static async Task ReadCappedAsync(Stream source, MemoryStream destination, long cap, CancellationTokenSource? cancelWhenOver)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            var room = cap - destination.Length;
            if (read > room)
            {
                if (cancelWhenOver is not null)
                {
                    // Stop reading and let the caller kill the child: past the cap its output is never wanted.
                    await cancelWhenOver.CancelAsync();
                    return;
                }

                destination.Write(buffer, 0, (int)Math.Max(0, room));
                continue;
            }

            destination.Write(buffer, 0, read);
        }
    }

    private static async Task WriteInputAsync(Process process, ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child died before reading all of its input; its exit code tells what happened.
        }
    }

    private static SandboxResponse Interpret(int exitCode, MemoryStream stdout, MemoryStream stderr, SandboxArguments arguments)
    {
        var errors = Encoding.UTF8.GetString(stderr.GetBuffer(), 0, (int)stderr.Length).Trim();
        if (exitCode == SandboxProgram.SetupFailedExitCode)
        {
            throw new InvalidOperationException("The document sandbox could not set itself up: " + errors);
        }

        if (arguments.CheckOnly && exitCode != 0)
        {
            // The start-up check reads no document, so its stderr (e.g. the host unable to open the sandbox assembly as
            // the sandbox's user) says something about the installation and nothing about anyone's post.
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The document sandbox did not start (exit code {exitCode}): {(errors.Length > 0 ? errors : "no message")}"));
        }

        SandboxResponse? response = null;
        if (exitCode == 0 && stdout.Length > 0)
        {
            try
            {
                stdout.Position = 0;
                response = JsonSerializer.Deserialize(stdout, SandboxJsonContext.Default.SandboxResponse);
            }
            catch (JsonException)
            {
                response = null;
            }
        }

        if (response is not null)
        {
            return response;
        }

        var signal = exitCode > SignalExitBase ? exitCode - SignalExitBase : 0;
        var ci = CultureInfo.InvariantCulture;
        throw signal switch
        {
            // SIGXCPU at the soft CPU limit (its default action ends the process; the runtime does not catch it).
            SigXcpu => new DocumentRejectedException(
                DocumentRejectionKind.Timeout,
                string.Create(ci, $"reading the document used more than the sandbox's CPU time limit of {arguments.CpuSeconds:N0} s")),
            // We kill the child only on paths that throw before Interpret: this SIGKILL came from the kernel.
            SigKill => new DocumentRejectedException(
                DocumentRejectionKind.Damaged,
                string.Create(ci, $"the document reader was killed (signal 9): by the sandbox's hard CPU time limit of {arguments.CpuSeconds + 1:N0} s, or by the system running out of memory")),
            SigAbrt or SigSegv => new DocumentRejectedException(
                DocumentRejectionKind.Damaged,
                string.Create(ci, $"the document reader crashed on this file (sandbox exit code {exitCode}, signal {signal}; allocations over the sandbox's address-space limit of {arguments.AddressSpaceBytes / (1024 * 1024):N0} MB end this way too)")),
            _ => new DocumentRejectedException(
                DocumentRejectionKind.Damaged,
                string.Create(ci, $"the document reader crashed on this file (sandbox exit code {exitCode})")),
        };
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
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
            // Left for the temp cleaner; it holds nothing of the document (the child cannot write there).
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
