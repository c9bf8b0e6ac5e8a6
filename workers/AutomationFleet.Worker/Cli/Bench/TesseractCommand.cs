using System.ComponentModel;
using System.Diagnostics;

namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>
/// Runs Debian's <c>tesseract</c> command (package <c>tesseract-ocr</c>) on one page at a time, as a person would
/// script it: <c>tesseract FILE stdout -l LANG</c>, one process per page, waiting for each.
/// </summary>
public sealed class TesseractCommand(string executable = "tesseract")
{
    public const string DebianPackage = "tesseract-ocr";
    private const string ThreadLimitVariable = "OMP_THREAD_LIMIT";

    /// <summary>The first line of <c>tesseract --version</c>; throws <see cref="CliException"/> naming the package when the command is missing.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await RunAsync(["--version"], singleThread: null, cancellationToken);
        var text = (output + "\n" + error).Trim();
        if (exitCode != 0)
        {
            throw new CliException($"'{executable} --version' exited with {exitCode}: {text}", ExitCodes.Failure);
        }

        return text.Split('\n', 2)[0].Trim();
    }

    /// <summary>
    /// Reads one page; returns its text. <paramref name="singleThread"/> true sets <c>OMP_THREAD_LIMIT=1</c>; false
    /// removes the variable (this process sets it for libtesseract, and children would inherit it), so the
    /// command runs with OpenMP's default thread team.
    /// </summary>
    public async Task<string> ReadAsync(string page, string language, bool singleThread, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await RunAsync([page, "stdout", "-l", language], singleThread, cancellationToken);
        if (exitCode != 0)
        {
            throw new CliException($"'{executable}' exited with {exitCode} on a page: {error.Trim()}", ExitCodes.Failure);
        }

        return output;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyList<string> arguments, bool? singleThread, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (singleThread == true)
        {
            start.Environment[ThreadLimitVariable] = "1";
        }
        else if (singleThread == false)
        {
            start.Environment.Remove(ThreadLimitVariable);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliException($"'{executable}' could not be started.", ExitCodes.Failure);
        }
        catch (Win32Exception exception)
        {
            throw new CliException(
                $"The '{executable}' command is needed for the comparison and could not be run ({exception.Message}); "
                + $"install the Debian package {DebianPackage} (apt-get install {DebianPackage}).",
                ExitCodes.Failure);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await output, await error);
        }
    }
}
