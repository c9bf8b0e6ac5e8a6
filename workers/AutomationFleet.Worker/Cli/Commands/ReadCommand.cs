using System.CommandLine;
using System.Globalization;
using AutomationFleet.Documents;
using AutomationFleet.Documents.Ocr;
using AutomationFleet.Documents.Sandbox;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary><c>fleet read FILE [--words]</c>: a document's text per page, as the inbound-post bot reads it.</summary>
public static class ReadCommand
{
    /// <summary>
    /// The <c>Ocr</c> settings as configured, except that no page images are rendered
    /// (<see cref="OcrOptions.PageImageMaxWidth"/> 0): this command prints text and words and would throw them away.
    /// </summary>
    public static OcrOptions OcrOptionsFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(OcrOptions.SectionName).Get<OcrOptions>() ?? new OcrOptions();
        options.PageImageMaxWidth = 0;
        return options;
    }

    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var file = new Argument<string>("FILE") { Description = "A PDF, TIFF, PNG or JPEG file." };
        var words = new Option<bool>("--words") { Description = "Also show each word with its confidence (and box)." };
        var command = new Command("read", "Read a document with PdfPig (text layer) or Tesseract (scans): text per page, with per-word confidence on request.")
        {
            file, words,
        };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliException($"The file '{path}' does not exist.");
            }

            var configuration = CliServices.BuildConfiguration(parse.GetValue(cli.Globals.Config), null);
            var limits = configuration.GetSection(DocumentLimits.SectionName).Get<DocumentLimits>() ?? new DocumentLimits();
            var ocrOptions = OcrOptionsFrom(configuration);
            var sandbox = configuration.GetSection(DocumentSandboxOptions.SectionName).Get<DocumentSandboxOptions>() ?? new DocumentSandboxOptions();
            using var reader = new DocumentReaderProcess(limits, ocrOptions, sandbox);
            ReadDocument document;
            try
            {
                await using var stream = File.OpenRead(path);
                document = await reader.ReadAsync(stream, Path.GetExtension(path), cancellationToken);
            }
            catch (DocumentRejectedException rejected)
            {
                throw new CliException($"the document was refused ({rejected.Kind}): {rejected.Message}", ExitCodes.Failure);
            }
            catch (InvalidOperationException sandboxFault)
            {
                // The sandbox cannot run here as configured (no network namespace, a bad Documents:Sandbox:User, …).
                throw new CliException(sandboxFault.Message, ExitCodes.Failure);
            }

            var withWords = parse.GetValue(words);
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(new
                {
                    format = document.Format,
                    meanConfidence = document.MeanConfidence,
                    pages = document.Pages.Select(p => new
                    {
                        p.Number, p.Source, p.MeanConfidence, p.Width, p.Height, p.Unit, p.Text,
                        words = withWords ? p.Words : null,
                    }),
                });
                return ExitCodes.Success;
            }

            foreach (var page in document.Pages)
            {
                cli.Console.Ansi.Write(new Rule(Markup.Escape(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Page {page.Number} ({page.Source}, mean confidence {page.MeanConfidence:0.000}, {page.Words.Count} words)"))).LeftJustified());
                await cli.Console.Output.WriteLineAsync(page.Text);
                if (withWords)
                {
                    var table = Render.Table($"Words on page {page.Number}", "Word", "Confidence", "Left", "Top", "Right", "Bottom");
                    foreach (var word in page.Words)
                    {
                        table.AddRow(
                            Render.Cell(word.Text), Render.Cell(N(word.Confidence, "0.000")), Render.Cell(N(word.Box.Left)),
                            Render.Cell(N(word.Box.Top)), Render.Cell(N(word.Box.Right)), Render.Cell(N(word.Box.Bottom)));
                    }

                    cli.Console.Ansi.Write(table);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string N(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);
}
