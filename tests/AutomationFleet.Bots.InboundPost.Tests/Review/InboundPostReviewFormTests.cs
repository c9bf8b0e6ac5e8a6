using System.Text.Json.Nodes;
using AutomationFleet.Bots.InboundPost.Review;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Bots.InboundPost.Tests.Bot;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Bots.InboundPost.Tests.Review;

public sealed class InboundPostReviewFormTests
{
    private static readonly CouncilTaxonomy Taxonomy = new(
    [
        new TaxonomyCategory("blue-badge", "Blue Badge", "Blue Badge team", new TaxonomyRoute(RouteKind.Email, "bluebadge@council.example"), false),
        new TaxonomyCategory("waste", "Waste", "Waste services", new TaxonomyRoute(RouteKind.Queue, "incident-reports"), false),
        new TaxonomyCategory("highways", "Highways", "Highways team", new TaxonomyRoute(RouteKind.Queue, "highways"), false),
        new TaxonomyCategory("payment", "payment", "Income team", new TaxonomyRoute(RouteKind.Folder, "payments"), false),
    ]);

    private const string Proposal =
        """{"category":"blue-badge","service":"Blue Badge team","route":{"type":"email","target":"bluebadge@council.example"},"confidence":0.61,"fields":[{"kind":"Postcode","value":"AB1 2CO","confidence":0.42,"page":1},{"kind":"Postcode","value":"ZZ9 9ZZ","confidence":0.3,"page":2},{"kind":"BadgeNumber","value":"BB-1","confidence":0.9,"page":1}],"pages":2,"source":"Ocr","ocrMeanConfidence":0.7,"serviceMailbox":"bluebadge@council.example"}""";

    private const string Evidence =
        """
        {"classification":{"label":"blue-badge","probability":0.61,"fittedThreshold":0.9,"automaticByModel":false,
           "top":[{"label":"blue-badge","probability":0.61},{"label":"waste","probability":0.3},{"label":"retired","probability":0.05}],
           "novelty":{"distance":12.5,"threshold":9.0,"novel":true},"modelData":"x"},
         "fields":[{"kind":"Postcode","value":"AB1 2CO","confidence":0.42,"page":1,"box":null}],
         "pages":[{"number":1,"attachment":1,"source":"Ocr","characters":10,"meanConfidence":0.7,
                   "image":{"hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","mediaType":"image/png","width":800,"height":1100},
                   "lowConfidenceWordCount":3,
                   "lowConfidenceWords":[{"text":"2CO","confidence":0.42,"box":null,"imageBox":{"x":10,"y":20,"width":30,"height":12}},
                                         {"text":"badqe","confidence":0.38,"box":null,"imageBox":null}]},
                  {"number":2,"attachment":1,"source":"Text","characters":5,"meanConfidence":1,"image":null,"lowConfidenceWordCount":null,"lowConfidenceWords":null}],
         "rejected":[],"safeguardingCues":["bruise"],"categories":[]}
        """;

    [Fact]
    public void Present_Proposal_CategoryAndFieldsPrefilled()
    {
        var view = CreateSut().Present(Task());

        var category = view.Correction[0];
        Assert.Equal((InboundPostReviewForm.CategoryField, CorrectionFieldKind.Select, "blue-badge"), (category.Name, category.Kind, category.Value));
        Assert.Equal(["blue-badge", "waste", "highways", "payment"], category.Choices.Select(c => c.Value));
        Assert.Equal(["Blue Badge (blue-badge)", "Waste (waste)", "Highways (highways)", "payment"], category.Choices.Select(c => c.Label));
        var fields = view.Correction.Skip(1).ToDictionary(f => f.Name);
        Assert.Equal(["field-postcode", "field-date-of-birth", "field-nhs-number", "field-email", "field-phone", "field-badge-number"], fields.Keys);
        Assert.All(fields.Values, f => Assert.Equal(CorrectionFieldKind.Text, f.Kind));
        Assert.Equal("AB1 2CO", fields["field-postcode"].Value);
        Assert.Contains("ZZ9 9ZZ", fields["field-postcode"].Help, StringComparison.Ordinal);
        Assert.Equal("BB-1", fields["field-badge-number"].Value);
        Assert.Null(fields["field-email"].Value);
    }

    [Fact]
    public void Present_Evidence_TablesAlertsAndPageImagesLaidOut()
    {
        var view = CreateSut().Present(Task());

        var tables = view.Evidence.ToDictionary(t => t.Id);
        Assert.Equal(["top-categories", "novelty", "fields", "low-confidence-words"], tables.Keys);
        Assert.Equal(["Blue Badge (blue-badge)", "61.0%"], tables["top-categories"].Rows[0]);
        Assert.Equal("retired", tables["top-categories"].Rows[2][0]);
        Assert.Contains("0.90", tables["top-categories"].Note, StringComparison.Ordinal);
        Assert.Equal(["12.5", "9.0", "Yes"], Assert.Single(tables["novelty"].Rows));
        Assert.Equal(["Postcode", "AB1 2CO", "0.42", "1"], Assert.Single(tables["fields"].Rows));
        Assert.Equal([["2CO", "1", "42%"], ["badqe", "1", "38%"]], tables["low-confidence-words"].Rows);
        Assert.Equal("The first 2 of 3.", tables["low-confidence-words"].Note);
        Assert.Equal("Possible safeguarding concern: the text mentions 'bruise'.", Assert.Single(view.Alerts!));
        Assert.Equal(2, view.Pages!.Count);
        var image = view.Pages[0].Image!;
        Assert.Equal((800, 1100), (image.Width, image.Height));
        Assert.Equal(new ReviewPageMark(10, 20, 30, 12, "\"2CO\": OCR confidence 42%"), Assert.Single(image.Marks));
        Assert.Null(view.Pages[1].Image);
    }

    [Fact]
    public void Present_EvidenceNotTheBots_AlertAndStillACorrectionForm()
    {
        var view = CreateSut().Present(Task(evidence: "[1,2"));

        Assert.Contains("could not be read", Assert.Single(view.Alerts!), StringComparison.Ordinal);
        Assert.Equal("blue-badge", view.Correction[0].Value);
    }

    [Fact]
    public void Correct_NewCategoryAndFixedField_OutcomeWithNewServiceRouteAndReviewedField()
    {
        var values = Values(("category", "waste"), ("field-postcode", "ab1 2cd"), ("field-badge-number", "BB-1"), ("field-nhs-number", "943 476 5919"));

        var correction = CreateSut().Correct(Task(), values);

        Assert.Equal("waste", correction.Category);
        var outcome = JsonNode.Parse(correction.OutcomeJson)!.AsObject();
        Assert.Equal("waste", (string?)outcome["category"]);
        Assert.Equal("Waste services", (string?)outcome["service"]);
        Assert.Equal("queue", (string?)outcome["route"]!["type"]);
        Assert.Equal("incident-reports", (string?)outcome["route"]!["target"]);
        Assert.Null(outcome["serviceMailbox"]);
        var fields = outcome["fields"]!.AsArray().Select(f => f!.AsObject()).ToList();
        Assert.Equal(4, fields.Count);
        Assert.Equal(("AB1 2CD", 1.0, 1, true), ((string?)fields[0]["value"], (double)fields[0]["confidence"]!, (int?)fields[0]["page"], (bool)fields[0]["reviewed"]!));
        Assert.Equal("ZZ9 9ZZ", (string?)fields[1]["value"]);
        Assert.Null(fields[1]["reviewed"]);
        Assert.Null(fields[2]["reviewed"]);
        Assert.Equal(("NhsNumber", "9434765919", true), ((string?)fields[3]["kind"], (string?)fields[3]["value"], (bool)fields[3]["reviewed"]!));
    }

    [Fact]
    public void Correct_FieldEmptied_FieldRemoved()
    {
        var correction = CreateSut().Correct(Task(), Values(("category", "blue-badge"), ("field-badge-number", "")));

        var kinds = JsonNode.Parse(correction.OutcomeJson)!["fields"]!.AsArray().Select(f => (string?)f!["kind"]);
        Assert.Equal(["Postcode", "Postcode"], kinds);
    }

    [Theory]
    [InlineData("no-such-category", "'no-such-category' is not a category of the council taxonomy")]
    [InlineData("", "Choose the correct category.")]
    public void Correct_UnknownCategory_RefusedWithMessage(string category, string message)
    {
        var exception = Assert.Throws<ReviewFormException>(() => CreateSut().Correct(Task(), Values(("category", category))));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("field-nhs-number", "9434765918", "not a valid NHS number")]
    [InlineData("field-date-of-birth", "21/03/1950", "yyyy-mm-dd")]
    [InlineData("field-email", "nobody", "not an e-mail address")]
    public void Correct_MalformedFieldValue_RefusedWithMessage(string field, string value, string message)
    {
        var exception = Assert.Throws<ReviewFormException>(() => CreateSut().Correct(Task(), Values(("category", "waste"), (field, value))));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correct_NoProposal_OutcomeFromTheReviewersValues()
    {
        var correction = CreateSut().Correct(
            Task(proposal: null, category: null), Values(("category", "highways"), ("field-email", "Ann@Example.ORG")));

        var outcome = JsonNode.Parse(correction.OutcomeJson)!.AsObject();
        Assert.Equal(("highways", "Highways team", "highways"), ((string?)outcome["category"], (string?)outcome["service"], (string?)outcome["route"]!["target"]));
        Assert.Equal(2, (int)outcome["pages"]!);
        var field = Assert.Single(outcome["fields"]!.AsArray())!;
        Assert.Equal(("Email", "Ann@example.org"), ((string?)field["kind"], (string?)field["value"]));
    }

    [Fact]
    public void AddInboundPostBot_SectionPresent_RegistersTheFormOnce()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InboundPost:TaxonomyPath"] = Repository.File("config", "taxonomy.json"),
            ["InboundPost:TrainingData"] = Repository.File("config", "training", "council-post.csv"),
            ["InboundPost:HeldOutData"] = Repository.File("config", "training", "council-post-heldout.csv"),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddInboundPostBot(configuration).AddInboundPostReviewForm(configuration);

        using var provider = services.BuildServiceProvider();

        var form = Assert.Single(provider.GetServices<IReviewForm>());
        Assert.Equal(InboundPostBot.BotName, form.Bot);
    }

    [Fact]
    public void AddInboundPostReviewForm_NoSection_RegistersNothing()
    {
        var services = new ServiceCollection().AddInboundPostReviewForm(new ConfigurationBuilder().Build());

        Assert.DoesNotContain(services, s => s.ServiceType == typeof(IReviewForm));
    }

    private static InboundPostReviewForm CreateSut() => new(Taxonomy);

    private static ReviewTask Task(string? proposal = Proposal, string? evidence = Evidence, string? category = "blue-badge") => new(
        1, "inbox:1", InboundPostBot.BotName,
        new ReviewRequest(InboundPostBot.BotName, category, proposal, 0.61, evidence ?? "{}", ["Below the threshold."], false, "Blue Badge team"),
        false, null, null, null, DateTimeOffset.UnixEpoch);

    private static Dictionary<string, string> Values(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
