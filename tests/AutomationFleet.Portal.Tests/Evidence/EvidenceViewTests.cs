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
