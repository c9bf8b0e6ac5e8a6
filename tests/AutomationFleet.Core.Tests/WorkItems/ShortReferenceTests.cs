using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Tests.WorkItems;

public sealed class ShortReferenceTests
{
    [Fact]
    public void For_StoreId_PaddedToSixDigits() => Assert.Equal("AF-000123", ShortReference.For(123));

    [Theory]
    [InlineData("AF-000123", 123)]
    [InlineData(" af-123 ", 123)]
    [InlineData("AF-1234567", 1234567)]
    public void TryParse_ShortReference_TheStoreId(string text, long expected)
    {
        Assert.True(ShortReference.TryParse(text, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("inbox:abc")]
    [InlineData("AF-")]
    [InlineData("AF-0")]
    [InlineData("AF--12")]
    [InlineData(null)]
    public void TryParse_NotAShortReference_False(string? text) => Assert.False(ShortReference.TryParse(text, out _));
}
