using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

public sealed class PorterStemmerTests
{
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("hopping", "hop")]
    [InlineData("falling", "fall")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("generalization", "gener")]
    [InlineData("oscillators", "oscil")]
    [InlineData("electricity", "electr")]
    [InlineData("hopeful", "hope")]
    [InlineData("goodness", "good")]
    [InlineData("allowance", "allow")]
    [InlineData("replacement", "replac")]
    [InlineData("adoption", "adopt")]
    [InlineData("effective", "effect")]
    [InlineData("rate", "rate")]
    [InlineData("roll", "roll")]
    [InlineData("payments", "payment")]
    [InlineData("charged", "charg")]
    [InlineData("transferring", "transfer")]
    public void Stem_PublishedExamples_GiveThePorterStem(string word, string expected)
    {
        var chars = word.ToCharArray();

        var length = PorterStemmer.Stem(chars);

        Assert.Equal(expected, new string(chars, 0, length));
    }

    [Theory]
    [InlineData("is")]
    [InlineData("a1b2s")]
    [InlineData("café")]
    public void Stem_ShortOrNonLetterWords_AreLeftAlone(string word)
    {
        var chars = word.ToCharArray();

        Assert.Equal(word.Length, PorterStemmer.Stem(chars));
        Assert.Equal(word, new string(chars));
    }
}
