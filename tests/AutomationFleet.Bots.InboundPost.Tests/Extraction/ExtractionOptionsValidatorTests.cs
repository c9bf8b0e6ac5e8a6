using AutomationFleet.Bots.InboundPost.Extraction;

namespace AutomationFleet.Bots.InboundPost.Tests.Extraction;

public sealed class ExtractionOptionsValidatorTests
{
    [Fact]
    public void Validate_CouncilPatterns_Succeeds()
    {
        var result = new ExtractionOptionsValidator().Validate(null, ExtractorTests.CouncilPatterns());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_SeveralBadPatterns_ReportsEachByPath()
    {
        var options = new ExtractionOptions
        {
            ReferencePatterns =
            {
                new ReferencePattern { Name = "Case", Pattern = "[unclosed" },
                new ReferencePattern { Name = "case", Pattern = "X[0-9]+", Confidence = 1.5 },
                new ReferencePattern { Name = "Postcode", Pattern = "P[0-9]+" },
                new ReferencePattern { Name = "", Pattern = "" },
            },
            DateOfBirthCueWindow = 0,
        };

        var result = new ExtractionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("InboundPost:Extraction:ReferencePatterns:0:Pattern", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("InboundPost:Extraction:ReferencePatterns:1:Name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("InboundPost:Extraction:ReferencePatterns:1:Confidence", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("InboundPost:Extraction:ReferencePatterns:2:Name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("InboundPost:Extraction:ReferencePatterns:3:Name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("InboundPost:Extraction:ReferencePatterns:3:Pattern", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("InboundPost:Extraction:DateOfBirthCueWindow", StringComparison.Ordinal));
        Assert.Equal(7, failures.Count);
    }
}
