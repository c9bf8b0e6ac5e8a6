namespace AutomationFleet.Matching.Benchmarks.Tests;

public class PersonIndexBenchmarkTests
{
    [Fact]
    public async Task RunAsync_SmallRegisterNoPeer_FormsFindTheirPerson()
    {
        using var log = new StringWriter();
        var report = await PersonIndexBenchmark.RunAsync(new PersonIndexBenchmarkSettings(Size: 3000, Forms: 100, Seed: 5, PeerForms: 0), log, CancellationToken.None);

        Assert.Equal(3060, report.Records);
        Assert.Equal(100, report.Ours.Forms);
        Assert.True(report.Ours.TopOneAccuracy > 0.9, $"top-1 {report.Ours.TopOneAccuracy}");
        Assert.Null(report.Peer);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task RunAsync_WithPeer_BothAnswerTheSameForms()
    {
        using var log = new StringWriter();
        var report = await PersonIndexBenchmark.RunAsync(new PersonIndexBenchmarkSettings(Size: 2000, Forms: 60, Seed: 5, PeerForms: 40), log, CancellationToken.None);

        Assert.NotNull(report.Peer);
        Assert.Equal(40, report.Peer.Queries.Forms);
        Assert.Equal(40, report.OursOnPeerForms!.Forms);
        Assert.True(report.Peer.Queries.TopOneAccuracy > 0.8, $"peer top-1 {report.Peer.Queries.TopOneAccuracy}");
    }
}
