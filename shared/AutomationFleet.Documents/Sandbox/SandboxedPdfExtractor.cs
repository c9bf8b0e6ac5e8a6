using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AutomationFleet.Documents.Pdf;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>Parses a PDF in a child process; kills it (and its tree) when the document's time runs out.</summary>
internal sealed class SandboxedPdfExtractor(DocumentSandboxOptions options) : IPdfExtractor
{
    public async Task<PdfExtraction> ExtractAsync(ReadOnlyMemory<byte> pdf, DocumentLimits limits, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(options.SandboxAssemblyPath ?? Path.Combine(AppContext.BaseDirectory, "AutomationFleet.Documents.Sandbox.dll"));
        foreach (var argument in SandboxProgram.FormatArguments(limits))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + options.MemoryLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The PDF sandbox process did not start.");
        var killed = false;
        try
        {
            var stdout = new MemoryStream();
            var readOutput = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancellationToken);
            var drainErrors = process.StandardError.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
            await WriteInputAsync(process, pdf, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await Task.WhenAll(readOutput, drainErrors);
            return Interpret(process.ExitCode, stdout);
        }
        catch (OperationCanceledException)
        {
            killed = true;
            throw;
        }
        finally
        {
            if (killed || !process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private static async Task WriteInputAsync(Process process, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(pdf, cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child died before reading all of its input; its exit code tells what happened.
        }
    }

    private static PdfExtraction Interpret(int exitCode, MemoryStream stdout)
    {
        SandboxResponse? response = null;
        try
        {
            stdout.Position = 0;
            response = stdout.Length > 0 ? JsonSerializer.Deserialize(stdout, SandboxJsonContext.Default.SandboxResponse) : null;
        }
        catch (JsonException)
        {
            response = null;
        }

        if (response?.Extraction is { } extraction)
        {
            return extraction;
        }

        if (response?.RejectionKind is { } kind)
        {
            throw new DocumentRejectedException(kind, response.RejectionReason ?? "the PDF was rejected");
        }

        throw new DocumentRejectedException(
            DocumentRejectionKind.Damaged,
            string.Create(CultureInfo.InvariantCulture, $"the PDF parser crashed on this file (sandbox exit code {exitCode})"));
    }

    private string DotnetHost()
    {
        if (!string.IsNullOrEmpty(options.DotnetHostPath))
        {
            return options.DotnetHostPath;
        }

        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : "dotnet";
    }
}
