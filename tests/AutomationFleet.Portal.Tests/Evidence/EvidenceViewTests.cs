using AutomationFleet.Portal.Evidence;

namespace AutomationFleet.Portal.Tests.Evidence;

public sealed class EvidenceViewTests
{
    [Fact]
    public void Parse_InboundPostEvidence_LaysOutCategoriesFieldsAndUnsureWords()
    {
        const string json = """
            {"classification":{"label":"highways","probability":0.8123,"fittedThreshold":0.91,"automaticByModel":false,
              "top":[{"label":"highways","probability":0.8123},{"label":"blue-badge","probability":0.1}]},
             "fields":[{"kind":"postcode","value":"AB1 2CD","confidence":0.9,"page":1,"box":null}],
             "pages":[{"number":1,"source":"Ocr","lowConfidenceWords":[{"text":"p0thole","confidence":0.3,"box":null}]},
                      {"number":2,"source":"Text","lowConfidenceWords":null}],
             "rejected":[],"safeguardingCues":["bruise"]}
            """;

        var view = EvidenceView.Parse(json);

        Assert.True(view.IsInboundPost);
        Assert.Equal("highways", view.Label);
        Assert.Equal(0.91, view.FittedThreshold);
        Assert.Equal(["highways", "blue-badge"], view.TopCategories.Select(c => c.Label));
        Assert.Equal("81.2%", view.TopCategories[0].Percent);
        Assert.Equal(new EvidenceField("postcode", "AB1 2CD", 0.9, 1), Assert.Single(view.Fields));
        Assert.Equal(new LowConfidenceWord("p0thole", 0.3, 1), Assert.Single(view.LowConfidenceWords));
        Assert.Equal(["bruise"], view.SafeguardingCues);
    }

    [Fact]
    public void Parse_CategoriesListed_EveryCategoryWithDisplayNameOnceEach()
    {
        const string json = """
            {"classification":{"label":"waste","probability":0.5,"top":[{"label":"waste","probability":0.5}]},
             "pages":[],
             "categories":[{"id":"waste","name":"Waste and recycling"},{"id":"highways","name":""},{"id":"waste","name":"again"},
                           {"name":"no id"},{"id":"payment"},"junk"]}
            """;

        var view = EvidenceView.Parse(json);

        Assert.Equal(
            [new EvidenceCategory("waste", "Waste and recycling"), new EvidenceCategory("highways", "highways"), new EvidenceCategory("payment", "payment")],
            view.Categories);
    }

    [Fact]
    public void Parse_NoCategoriesListed_Empty()
    {
        var view = EvidenceView.Parse("""{"classification":null,"pages":[],"categories":"x"}""");

        Assert.True(view.IsInboundPost);
        Assert.Empty(view.Categories);
    }

    [Fact]
    public void Parse_PagesWithImages_ImagesPerAttachmentWithBoxedWords()
    {
        var hash = new string('a', 64);
        var json = $$"""
            {"classification":null,"fields":[],"rejected":[],"safeguardingCues":[],
             "pages":[{"number":1,"attachment":1,"source":"Ocr","meanConfidence":0.8,
                       "image":{"hash":"{{hash}}","mediaType":"image/png","width":1600,"height":1232 },
                       "lowConfidenceWordCount":3,
                       "lowConfidenceWords":[{"text":"Ratpy","confidence":0,"imageBox":{"x":10.5,"y":20,"width":30.25,"height":8} },
                                             {"text":"S*","confidence":0.11,"imageBox":null}]},
                      {"number":2,"attachment":2,"source":"Text","image":null,"lowConfidenceWords":null}]}
            """;

        var view = EvidenceView.Parse(json);

        var image = Assert.Single(view.ImagesOf(1));
        Assert.Empty(view.ImagesOf(2));
        Assert.Equal((1, 1600, 1232, 3, "0 0 1600 1232"), (image.Page, image.Width, image.Height, image.LowConfidenceWordCount, image.ViewBox));
        var word = Assert.Single(image.Words);
        Assert.Equal(("Ratpy", "10.5", "20", "30.3", "8"), (word.Text, word.Box!.XText, word.Box.YText, word.Box.WidthText, word.Box.HeightText));
        Assert.Equal(2, view.LowConfidenceWords.Count);
        Assert.Equal(3, view.LowConfidenceWordCount);
        Assert.False(view.HasPagesWithoutImage(1));
        Assert.True(view.HasPagesWithoutImage(2));
        Assert.True(view.HasPagesWithoutImage(3));
        Assert.True(view.IsPageImage(hash));
        Assert.False(view.IsPageImage(new string('b', 64)));
        Assert.False(view.IsPageImage(null));
    }

    [Theory]
    [InlineData("../../fleet.db", 100, 100)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 100, 100)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 100)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 100, 1_000_000)]
    public void Parse_PageImageWithBadHashOrSize_Ignored(string hash, int width, int height)
    {
        var json = $$"""
            {"classification":null,"pages":[{"number":1,"attachment":1,"source":"Ocr",
              "image":{"hash":"{{hash}}","width":{{width}},"height":{{height}} },"lowConfidenceWords":[]}]}
            """;

        var view = EvidenceView.Parse(json);

        Assert.Empty(view.ImagesOf(1));
        Assert.False(view.IsPageImage(hash));
        Assert.True(view.HasPagesWithoutImage(1));
    }

    [Fact]
    public void Parse_InboundPostWithoutText_NoClassificationStillInboundPost()
    {
        var view = EvidenceView.Parse("""{"classification":null,"fields":null,"pages":null,"rejected":[],"safeguardingCues":null}""");

        Assert.True(view.IsInboundPost);
        Assert.Empty(view.TopCategories);
        Assert.Null(view.Label);
    }

    [Theory]
    [InlineData("""{"matches":[{"case":"C-1","score":0.61}]}""")]
    [InlineData("[1,2,3]")]
    public void Parse_OtherBotsEvidence_GenericIndentedJson(string json)
    {
        var view = EvidenceView.Parse(json);

        Assert.False(view.IsInboundPost);
        Assert.Contains('\n', view.RawJson);
    }

    [Fact]
    public void Parse_TextWithApostropheAndAccent_ShownAsWrittenNotEscaped()
    {
        var view = EvidenceView.Parse("""{"service":"Children\u0027s services","name":"Ren\u00e9e"}""");

        Assert.Contains("Children's services", view.RawJson, StringComparison.Ordinal);
        Assert.Contains("Renée", view.RawJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json {")]
    public void Parse_MissingOrBrokenJson_GenericWithoutThrowing(string? json)
    {
        var view = EvidenceView.Parse(json);

        Assert.False(view.IsInboundPost);
        Assert.NotNull(view.RawJson);
    }
}
