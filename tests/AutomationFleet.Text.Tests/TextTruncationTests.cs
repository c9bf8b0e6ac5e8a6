namespace AutomationFleet.Text.Tests;

public sealed class TextTruncationTests
{
    [Theory]
    [InlineData("", 8, "")]
    [InlineData(" \t\n ", 8, "")]
    [InlineData("  one\ttwo \r\n three  ", 8, "one two three")]
    [InlineData("a b c d e f g h i j", 8, "a b c d e f g h")]
    [InlineData("a\u00A0b", 8, "a b")]
    public void Truncate_Text_CollapsesWhitespaceAndKeepsFirstWords(string text, int maxWords, string expected)
    {
        Assert.Equal(expected, TextTruncation.Truncate(text, maxWords));
    }
}
