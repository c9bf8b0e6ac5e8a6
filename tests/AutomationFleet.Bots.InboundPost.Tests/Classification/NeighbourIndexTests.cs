using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

public sealed class NeighbourIndexTests
{
    private static SparseVector Vector(params (int Column, float Value)[] entries) =>
        new([.. entries.Select(e => e.Column)], [.. entries.Select(e => e.Value)]);

    private static NeighbourIndex CreateSut() => NeighbourIndex.Build(
        [
            Vector((0, 1f), (1, 1f)),  // label 0
            Vector((2, 1f)),           // label 1
            Vector((0, 1f), (3, 1f)),  // label 1
        ],
        [0, 1, 1],
        featureCount: 4);

    [Fact]
    public void Similarity_QueryEqualToATrainingText_SameCategoryCosineIsOne()
    {
        var sut = CreateSut();

        var result = sut.Similarity(Vector((0, 2f), (1, 2f)), predicted: 0, new float[sut.DocumentCount]);

        Assert.Equal(1f, result.Same, precision: 5);
        Assert.Equal(0.5f, result.Other, precision: 5);
        Assert.True(result.NearestAgrees);
    }

    [Fact]
    public void Similarity_PredictedCategoryDiffersFromNearest_ReportsDisagreement()
    {
        var sut = CreateSut();

        var result = sut.Similarity(Vector((0, 1f), (1, 1f)), predicted: 1, new float[sut.DocumentCount]);

        Assert.Equal(0.5f, result.Same, precision: 5);
        Assert.Equal(1f, result.Other, precision: 5);
        Assert.False(result.NearestAgrees);
    }

    [Fact]
    public void Similarity_ExcludedFold_IgnoresThoseTrainingTexts()
    {
        var sut = CreateSut();
        int[] folds = [0, 1, 1];

        var result = sut.Similarity(Vector((0, 1f), (1, 1f)), predicted: 0, new float[sut.DocumentCount], folds, excludedFold: 0);

        Assert.Equal(0f, result.Same);
        Assert.Equal(0.5f, result.Other, precision: 5);
        Assert.False(result.NearestAgrees);
    }

    [Fact]
    public void Similarity_NothingInCommon_IsZero()
    {
        var sut = CreateSut();

        var result = sut.Similarity(Vector((3, 0f)), predicted: 0, new float[sut.DocumentCount]);

        Assert.Equal(default, result);
    }
}
