using AutomationFleet.Bots.InboundPost.Extraction;
using UglyToad.PdfPig;

namespace AutomationFleet.Bots.InboundPost.Tests.Extraction;

/// <summary>The extractor on the shipped sample letters: their text sources, and a real text PDF read with PdfPig.</summary>
public sealed class SampleLetterExtractionTests
{
    private static readonly DateTimeOffset Today = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private static Extractor CreateSut() => new(ExtractorTests.CouncilPatterns(), new FixedTimeProvider(Today));

    private static string LettersDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var letters = Path.Combine(dir.FullName, "samples", "letters");
            if (File.Exists(Path.Combine(dir.FullName, "AutomationFleet.sln")) && Directory.Exists(letters))
            {
                return letters;
            }
        }

        throw new DirectoryNotFoundException("samples/letters not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("blue-badge-renewal", "Postcode=AB1 2DE|DateOfBirth=1948-03-12|NhsNumber=9434765919|Email=a.example@example.org|Phone=+441632960123")]
    [InlineData("financial-assessment-form", "Postcode=AB5 8SU|CaseReference=FA-2024-553120|DateOfBirth=1936-08-14|NhsNumber=4010232137|Phone=+441632960321")]
    [InlineData("school-transport-appeal", "Postcode=AB3 4HP|CaseReference=SA-2024-406252|DateOfBirth=2013-05-02|Phone=+447700900982")]
    [InlineData("safeguarding-neighbour", "Postcode=AB4 6LW|Phone=+447700900123")]
    public void Extract_SampleLetterSource_ExpectedFields(string letter, string expected)
    {
        var text = File.ReadAllText(Path.Combine(LettersDirectory(), "source", letter + ".txt"));

        var found = CreateSut().Extract(new ExtractionInput(text)).Select(f => f.Kind + "=" + f.Value).ToHashSet();

        Assert.All(expected.Split('|'), e => Assert.Contains(e, found));
    }

    [Fact]
    public void Extract_TextPdfWords_FieldsPlacedOnPage()
    {
        var words = new List<SourceWord>();
        using (var document = PdfDocument.Open(Path.Combine(LettersDirectory(), "blue-badge-renewal.pdf")))
        {
            foreach (var page in document.GetPages())
            {
                foreach (var word in page.GetWords())
                {
                    var box = word.BoundingBox;
                    words.Add(new SourceWord(word.Text, page.Number, box.Left, page.Height - box.Top, box.Right, page.Height - box.Bottom, 1.0));
                }
            }
        }

        var text = string.Join(' ', words.Select(w => w.Text));

        var fields = CreateSut().Extract(new ExtractionInput(text, words));

        var nhs = Assert.Single(fields, f => f.Kind == FieldKinds.NhsNumber);
        Assert.Equal("9434765919", nhs.Value);
        Assert.Equal(1, nhs.Page);
        Assert.NotNull(nhs.Box);
        var parts = words.Where(w => w.Text is "943" or "476" or "5919." or "5919").ToList();
        Assert.Equal(parts.Min(w => w.Left), nhs.Box.Value.Left, 3);
        Assert.Equal(parts.Max(w => w.Right), nhs.Box.Value.Right, 3);
        Assert.Equal(["BB123456", "BB123456"], fields.Where(f => f.Kind == "BlueBadgeNumber").Select(f => f.Value));
        Assert.Contains(fields, f => f is { Kind: FieldKinds.Postcode, Value: "AB1 2DE", Page: 1 });
        Assert.Contains(fields, f => f is { Kind: FieldKinds.DateOfBirth, Value: "1948-03-12", Page: 1 });
    }
}
