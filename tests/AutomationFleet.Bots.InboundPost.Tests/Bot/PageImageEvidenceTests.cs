using System.Buffers.Binary;
using System.Text.Json;
using AutomationFleet.Core.Bots;

namespace AutomationFleet.Bots.InboundPost.Tests.Bot;

/// <summary>
/// Real scans through the real bot and Tesseract: each OCR'd page's image lands in the blob store, and the evidence
/// names it with its size and the low-confidence words' boxes in its pixels.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PageImageEvidenceTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task DecideAsync_TiffScan_StoresPageImageAndBoxesForEveryLowConfidenceWord()
    {
        var item = await fixture.EnqueueFileAsync(
            "scan:unlv", "scan.tif", "image/tiff", await File.ReadAllBytesAsync(Repository.SharedData("ocr", "8071_093.3B.tif")));

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        using var evidence = JsonDocument.Parse(decision.EvidenceJson);
        var page = Assert.Single(evidence.RootElement.GetProperty("pages").EnumerateArray());
        var image = page.GetProperty("image");
        var (width, height) = (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32());
        Assert.Equal("image/png", image.GetProperty("mediaType").GetString());
        Assert.Equal(1600, width);
        var png = await ReadBlobAsync(image.GetProperty("hash").GetString()!);
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal((width, height), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));

        var words = page.GetProperty("lowConfidenceWords").EnumerateArray().ToList();
        var boxes = words.Select(w => w.GetProperty("imageBox")).ToList();
        Assert.NotEmpty(words);
        Assert.Equal(page.GetProperty("lowConfidenceWordCount").GetInt32(), words.Count);
        Assert.Equal(words.Count, boxes.Count(b => b.ValueKind == JsonValueKind.Object));
        Assert.All(words, w => Assert.True(w.GetProperty("confidence").GetDouble() < fixture.Options.LowWordConfidence));
        Assert.All(boxes, b =>
        {
            var (x, y, w, h) = (b.GetProperty("x").GetDouble(), b.GetProperty("y").GetDouble(), b.GetProperty("width").GetDouble(), b.GetProperty("height").GetDouble());
            Assert.True(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= width + 1 && y + h <= height + 1, $"box {x},{y} {w}x{h} outside {width}x{height}");
        });
        var first = words[0];
        var scale = 1600.0 / 3312;
        Assert.Equal(first.GetProperty("box").GetProperty("left").GetDouble() * scale, boxes[0].GetProperty("x").GetDouble(), 0);
    }

    [Fact]
    public async Task DecideAsync_SameScanTwice_SamePageImageBlob()
    {
        var bytes = await File.ReadAllBytesAsync(Repository.File("samples", "letters", "highways-pothole-scan.tif"));
        var first = await fixture.EnqueueFileAsync("scan:pothole-1", "a.tif", "image/tiff", bytes);
        var second = await fixture.EnqueueFileAsync("scan:pothole-2", "b.tif", "image/tiff", bytes);

        var hashes = new List<string>();
        foreach (var item in new[] { first, second })
        {
            var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);
            using var evidence = JsonDocument.Parse(decision.EvidenceJson);
            hashes.Add(evidence.RootElement.GetProperty("pages")[0].GetProperty("image").GetProperty("hash").GetString()!);
        }

        Assert.Equal(hashes[0], hashes[1]);
        Assert.Equal(PngSignature, (await ReadBlobAsync(hashes[0]))[..8]);
    }

    [Fact]
    public async Task DecideAsync_TextPdf_NoPageImage()
    {
        var item = await fixture.EnqueueFileAsync(
            "letter:text", "t.pdf", "application/pdf", await File.ReadAllBytesAsync(Repository.File("samples", "letters", "blue-badge-renewal.pdf")));

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        using var evidence = JsonDocument.Parse(decision.EvidenceJson);
        var page = evidence.RootElement.GetProperty("pages")[0];
        Assert.Equal("Text", page.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("image").ValueKind);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("lowConfidenceWords").ValueKind);
    }

    private async Task<byte[]> ReadBlobAsync(string hash)
    {
        await using var stream = fixture.Blobs.OpenRead(hash);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
