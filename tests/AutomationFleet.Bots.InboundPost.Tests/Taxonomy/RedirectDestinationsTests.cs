using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Bots.InboundPost.Tests.Bot;

namespace AutomationFleet.Bots.InboundPost.Tests.Taxonomy;

public sealed class RedirectDestinationsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("af-redirects-").FullName;

    private static RedirectDestinations CreateSut() => RedirectDestinations.Load(Repository.File("config", "not-ours.json"));

    [Fact]
    public void Load_ShippedFile_EveryDestinationWordedWithAGeneralFallback()
    {
        var sut = CreateSut();

        Assert.Equal("general", sut.Fallback.Id);
        Assert.Equal(["district-council", "nhs", "dvla", "general"], sut.Destinations.Select(d => d.Id));
        Assert.All(sut.Destinations, d => Assert.False(string.IsNullOrWhiteSpace(d.Wording)));
    }

    [Theory]
    [InlineData("My council tax bill is wrong, I moved out in March.", "district-council")]
    [InlineData("The bin men missed our wheelie bin again.", "district-council")]
    [InlineData("Fly-tipping has been left in the lay-by.", "district-council")]
    [InlineData("I cannot get an appointment at my GP surgery.", "nhs")]
    [InlineData("The hospital cancelled my operation.", "nhs")]
    [InlineData("I need to renew my driving licence.", "dvla")]
    [InlineData("How do I tax my van?", "dvla")]
    [InlineData("My cat is stuck up a tree.", "general")]
    public void Choose_Text_DestinationWhosePhrasesMatch(string text, string expected)
    {
        var choice = CreateSut().Choose(text);

        Assert.Equal(expected, choice.Destination.Id);
        Assert.Equal(expected == "general", choice.Matched.Count == 0);
    }

    [Fact]
    public void Choose_PhrasesOfTwoDestinations_MoreMatchesWin()
    {
        var choice = CreateSut().Choose("My doctor at the GP surgery sent me to the hospital; I pay my council tax.");

        Assert.Equal("nhs", choice.Destination.Id);
        Assert.Contains("hospital", choice.Matched);
    }

    [Fact]
    public void Choose_PhraseInsideAnotherWord_DoesNotMatch()
    {
        Assert.Equal("general", CreateSut().Choose("The cabinet in the library is broken.").Destination.Id);
    }

    [Fact]
    public void TextFor_Destination_FillsReferenceNameAndWebAddress()
    {
        var sut = CreateSut();
        var nhs = sut.Find("nhs")!;

        var text = sut.TextFor(nhs, "AF-000042");

        Assert.Contains("AF-000042", text, StringComparison.Ordinal);
        Assert.Contains("https://www.nhs.uk", text, StringComparison.Ordinal);
        Assert.Contains("NHS 111", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.Equal("Your letter (reference AF-000042) is for the NHS", sut.SubjectFor(nhs, "AF-000042"));
    }

    [Fact]
    public void Check_DestinationWithoutWording_ReportedByItsPlaceInTheFile()
    {
        var path = Write("""
            { "subject": "s {Reference}", "fallback": "general", "destinations": [
              { "id": "nhs", "name": "the NHS", "phrases": ["gp"], "wording": "Go to {Web}." },
              { "id": "dvla", "name": "the DVLA", "phrases": ["licence"] },
              { "id": "general", "name": "someone", "wording": "Ask {Someone}." } ] }
            """);

        var failures = RedirectDestinations.Check(path);

        Assert.Equal(
            [
                "destinations[1] ('dvla'): 'wording' is missing.",
                "destinations[2] ('general').wording: the placeholder '{Someone}' is not one of {Reference}, {Name}, {Web}, {Phone}.",
            ],
            failures);
        Assert.Throws<InvalidDataException>(() => RedirectDestinations.Load(path));
    }

    [Fact]
    public void Check_NoSubjectUnknownFallbackAndUnreachableDestination_EveryProblemReported()
    {
        var path = Write("""
            { "fallback": "nowhere", "destinations": [ { "id": "nhs", "name": "the NHS", "wording": "w" } ] }
            """);

        var failures = RedirectDestinations.Check(path);

        Assert.Equal(
            [
                "'subject' is missing.",
                "destinations[0] ('nhs') has no 'phrases', so it could never be chosen; give it some, or make it the 'fallback'.",
                "fallback 'nowhere' is not the id of a destination.",
            ],
            failures);
    }

    [Fact]
    public void Check_MissingFile_Reported()
    {
        Assert.Equal(["the file does not exist."], RedirectDestinations.Check(Path.Combine(_directory, "none.json")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
