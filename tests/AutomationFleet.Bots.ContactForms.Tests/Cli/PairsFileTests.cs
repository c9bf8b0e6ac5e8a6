using AutomationFleet.Bots.ContactForms.Cli;
using AutomationFleet.Matching.Linking;

namespace AutomationFleet.Bots.ContactForms.Tests.Cli;

public sealed class PairsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pairs-file-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Write_Pairs_HeaderThenOneRowEachWithDecision()
    {
        var path = Path.Combine(_folder, "pairs.csv");

        PairsFile.Write(path, [new ScoredPair("a1", "b7", 0.99995, LinkDecision.Match), new ScoredPair("a2", "b3", 0.25, LinkDecision.Review)]);

        Assert.Equal(["left_id,right_id,probability,decision", "a1,b7,0.99995,match", "a2,b3,0.25,review"], File.ReadAllLines(path));
    }

    [Fact]
    public void Write_IdWithCommaAndQuote_QuotedAsCsv()
    {
        var path = Path.Combine(_folder, "pairs.csv");

        PairsFile.Write(path, [new ScoredPair("SMITH, J", "ref \"7\"", 0.5, LinkDecision.Review)]);

        Assert.Equal("\"SMITH, J\",\"ref \"\"7\"\"\",0.5,review", File.ReadAllLines(path)[1]);
    }

    [Fact]
    public void Write_NoPairs_HeaderOnly()
    {
        var path = Path.Combine(_folder, "pairs.csv");

        PairsFile.Write(path, []);

        Assert.Equal(["left_id,right_id,probability,decision"], File.ReadAllLines(path));
    }
}
