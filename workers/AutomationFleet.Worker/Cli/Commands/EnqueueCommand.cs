using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AutomationFleet.Core.WorkItems;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary><c>fleet enqueue</c>: adds one item; the same reference twice enqueues once.</summary>
public static class EnqueueCommand
{
    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".html"] = "text/html",
        [".eml"] = "message/rfc822",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var queue = new Option<string>("--queue") { Description = "Target queue.", Required = true, HelpName = "Q" };
        var reference = new Option<string>("--reference") { Description = "Unique reference.", Required = true, HelpName = "R" };
        var payload = new Option<string?>("--payload") { Description = "The item's input as JSON (default {}).", HelpName = "JSON" };
        var payloadFile = new Option<FileInfo?>("--payload-file") { Description = "Read the input JSON from a file.", HelpName = "F" };
        var priority = new Option<int>("--priority") { Description = "Higher is taken first; 0 is normal.", HelpName = "N" };
        var due = new Option<string?>("--due") { Description = "SLA deadline, ISO 8601 (e.g. 2025-01-31T17:00:00Z).", HelpName = "ISO" };
        var attach = new Option<FileInfo[]>("--attach")
        {
            Description = "Files to attach (stored once by content hash).",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("enqueue", "Add a work item to a queue (idempotent by reference).")
        {
            queue, reference, payload, payloadFile, priority, due, attach,
        };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            var item = new NewWorkItem(
                RequireText(parse.GetValue(queue), "--queue"),
                RequireText(parse.GetValue(reference), "--reference"),
                await ReadPayloadAsync(parse.GetValue(payload), parse.GetValue(payloadFile), cancellationToken),
                null,
                parse.GetValue(priority),
                ParseDue(parse.GetValue(due)));
            var files = parse.GetValue(attach) ?? [];
            foreach (var file in files.Where(f => !f.Exists))
            {
                throw new CliException($"--attach: the file '{file.FullName}' does not exist.");
            }

            await using var services = await cli.OpenAsync(parse, createIfMissing: true, cancellationToken);
            var attachments = new List<AttachmentRef>();
            foreach (var file in files)
            {
                await using var stream = file.OpenRead();
                attachments.Add(await services.Blobs.PutAsync(file.Name, MediaTypeOf(file.Name), stream, cancellationToken));
            }

            var result = await services.Queue.EnqueueAsync(item with { Attachments = attachments }, CliCommand.Actor, cancellationToken);
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(new { created = result.Created, item = ItemView.From(result.Item) });
            }
            else if (result.Created)
            {
                cli.Console.Ansi.MarkupLine(
                    $"Enqueued [bold]{Markup.Escape(result.Item.Reference)}[/] (id {result.Item.Id}) in queue {Markup.Escape(result.Item.Queue)}.");
            }
            else
            {
                cli.Console.Ansi.MarkupLine(
                    $"Already enqueued: [bold]{Markup.Escape(result.Item.Reference)}[/] (id {result.Item.Id}, {result.Item.State}); nothing written.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string RequireText(string? value, string option) =>
        string.IsNullOrWhiteSpace(value) ? throw new CliException($"{option} must not be empty.") : value.Trim();

    private static async Task<string> ReadPayloadAsync(string? payload, FileInfo? payloadFile, CancellationToken cancellationToken)
    {
        if (payload is not null && payloadFile is not null)
        {
            throw new CliException("Give either --payload or --payload-file, not both.");
        }

        string json;
        string source;
        if (payloadFile is not null)
        {
            if (!payloadFile.Exists)
            {
                throw new CliException($"--payload-file: the file '{payloadFile.FullName}' does not exist.");
            }

            json = await File.ReadAllTextAsync(payloadFile.FullName, cancellationToken);
            source = "--payload-file";
        }
        else
        {
            json = payload ?? "{}";
            source = "--payload";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return json.Trim();
        }
        catch (JsonException exception)
        {
            throw new CliException($"{source} is not valid JSON: {exception.Message}");
        }
    }

    private static DateTimeOffset? ParseDue(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(
                value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var due))
        {
            return due;
        }

        throw new CliException($"--due '{value}' is not an ISO 8601 date and time (e.g. 2025-01-31T17:00:00Z).");
    }

    private static string MediaTypeOf(string fileName) =>
        MediaTypes.TryGetValue(Path.GetExtension(fileName), out var mediaType) ? mediaType : "application/octet-stream";
}
