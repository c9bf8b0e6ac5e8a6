using System.Text.Json;
using System.Text.RegularExpressions;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Scans;

/// <summary>
/// The item page of a scan the real bot OCR'd: the page image served by the portal under the real CSP, one outline per
/// low-confidence word in the evidence (with its confidence as a tooltip), the words listed as text, axe-core clean,
/// and the page image refused (404 like a missing one, audited) to a reviewer without the queue's grant.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ScanReviewTests(PortalFixture portal, ScanReviewFixture scan) : IClassFixture<ScanReviewFixture>
{
    [Fact]
    public async Task ItemPage_ScanReadByBot_PageImageServedWithLowConfidenceWordsOutlined()
    {
        var (hash, width, height, words) = Evidence();
        var page = await portal.NewPageAsync();
        var cspErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                cspErrors.Add(message.Text);
            }
        };
        await PortalFixture.SignInAsync(page, scan.BaseUrl, "olga");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        var imageResponse = page.WaitForResponseAsync(r => r.Url.Contains("handler=PageImage", StringComparison.Ordinal));
        await page.GotoAsync($"{scan.BaseUrl}/review/items/{scan.Item.Id}");
        var image = await imageResponse;

        Assert.Equal(200, image.Status);
        Assert.Equal("image/png", image.Headers["content-type"]);
        Assert.Contains("hash=" + hash, image.Url, StringComparison.Ordinal);
        var svg = page.Locator("figure.page-image svg");
        await Assertions.Expect(svg).ToHaveAttributeAsync("viewBox", $"0 0 {width} {height}");
        await Assertions.Expect(svg.Locator("image")).ToHaveAttributeAsync("width", width.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var rects = svg.Locator("rect.low-word");
        await Assertions.Expect(rects).ToHaveCountAsync(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var (text, confidence, box) = words[i];
            var rect = rects.Nth(i);
            Assert.Equal(box.X, double.Parse((await rect.GetAttributeAsync("x"))!, System.Globalization.CultureInfo.InvariantCulture), 1);
            Assert.Equal(box.Y, double.Parse((await rect.GetAttributeAsync("y"))!, System.Globalization.CultureInfo.InvariantCulture), 1);
            await Assertions.Expect(rect.Locator("title")).ToHaveTextAsync($"\"{text}\": OCR confidence {Math.Round(confidence * 100):0}%");
        }

        await Assertions.Expect(page.Locator("#low-confidence-words tbody tr")).ToHaveCountAsync(words.Count);
        await Assertions.Expect(page.Locator("img.scan")).ToHaveCountAsync(0);
        Assert.True(await svg.EvaluateAsync<bool>("s => s.getBoundingClientRect().width > 300"), "the page image is drawn too small");
        await PortalFixture.ScreenshotAsync(page, "08-item-scan-low-confidence-words");
        await page.Locator("figure.page-image").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(PortalFixture.ScreenshotDirectory, "09-page-image.png") });
        Assert.Empty(cspErrors);
        var security = await scan.Store.ListSecurityEventsAsync(ScanReviewFixture.Reference, 50, CancellationToken.None);
        Assert.Contains(security, e => e.Actor == "olga" && e.Action == "document-view" && e.Detail == "page image " + hash);
    }

    [Fact]
    public async Task ItemPage_ScanWithPageImage_AxeCoreNoSeriousOrCriticalViolations()
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await PortalFixture.SignInAsync(page, scan.BaseUrl, "olga");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await page.GotoAsync($"{scan.BaseUrl}/review/items/{scan.Item.Id}");
        await Assertions.Expect(page.Locator("figure.page-image svg")).ToBeVisibleAsync();

        var violations = await AxeCore.SeriousViolationsAsync(page);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await context.CloseAsync();
    }

    [Fact]
    public async Task PageImage_ReviewerWithoutGrant_NotFound404AndAudited()
    {
        var (hash, _, _, _) = Evidence();
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, scan.BaseUrl, "sam");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        var response = await page.Context.APIRequest.GetAsync($"{scan.BaseUrl}/review/items/{scan.Item.Id}?handler=PageImage&hash={hash}");

        Assert.Equal(404, response.Status);
        Assert.NotEqual("image/png", response.Headers.GetValueOrDefault("content-type"));
        var security = await scan.Store.ListSecurityEventsAsync(ScanReviewFixture.Reference, 50, CancellationToken.None);
        Assert.Contains(security, e => e.Actor == "sam" && e.Action == "denied" && e.Detail.Contains("inbound-post", StringComparison.Ordinal));
        Assert.DoesNotContain(security, e => e.Actor == "sam" && e.Action == "document-view");
    }

    [Fact]
    public async Task PageImage_HashNotAPageImageOfTheItem_NotFound()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, scan.BaseUrl, "olga");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        // The TIFF itself is in the blob store, but it is the document, not a page image: this handler never serves it.
        var tiff = await page.Context.APIRequest.GetAsync($"{scan.BaseUrl}/review/items/{scan.Item.Id}?handler=PageImage&hash={scan.Item.Attachments[0].ContentHash}");
        var garbage = await page.Context.APIRequest.GetAsync($"{scan.BaseUrl}/review/items/{scan.Item.Id}?handler=PageImage&hash=../fleet.db");

        Assert.Equal(404, tiff.Status);
        Assert.Equal(404, garbage.Status);
    }

    private (string Hash, int Width, int Height, List<(string Text, double Confidence, (double X, double Y) Box)> Words) Evidence()
    {
        using var evidence = JsonDocument.Parse(scan.EvidenceJson);
        var page = Assert.Single(evidence.RootElement.GetProperty("pages").EnumerateArray());
        var image = page.GetProperty("image");
        var words = page.GetProperty("lowConfidenceWords").EnumerateArray()
            .Select(w => (
                w.GetProperty("text").GetString()!,
                w.GetProperty("confidence").GetDouble(),
                (w.GetProperty("imageBox").GetProperty("x").GetDouble(), w.GetProperty("imageBox").GetProperty("y").GetDouble())))
            .ToList();
        Assert.NotEmpty(words);
        return (image.GetProperty("hash").GetString()!, image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32(), words);
    }
}
