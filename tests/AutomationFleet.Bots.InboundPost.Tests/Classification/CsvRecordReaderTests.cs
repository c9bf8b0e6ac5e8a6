using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

public sealed class CsvRecordReaderTests
{
    private static List<IReadOnlyList<string>> Read(string csv) => CsvRecordReader.ReadRecords(new StringReader(csv)).ToList();

    [Fact]
    public void ReadRecords_QuotedFieldWithNewlinesAndCommas_KeepsThemInTheField()
    {
        var records = Read("text,label\n\"line one,\r\nline two\",a\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["line one,\r\nline two", "a"], records[1]);
    }

    [Fact]
    public void ReadRecords_DoubledQuotes_BecomeOneQuote()
    {
        var records = Read("\"she said \"\"hi\"\"\",\"\"\"\"\r\n");

        Assert.Equal(["she said \"hi\"", "\""], Assert.Single(records));
    }

    [Fact]
    public void ReadRecords_EmptyFieldsAndNoFinalNewline_AreKept()
    {
        var records = Read("a,,\"\"\n,b,c");

        Assert.Equal(["a", "", ""], records[0]);
        Assert.Equal(["", "b", "c"], records[1]);
    }

    [Fact]
    public void ReadRecords_BlankLines_AreSkipped()
    {
        var records = Read("a,b\n\n\r\nc,d\n");

        Assert.Equal(2, records.Count);
    }

    [Fact]
    public void ReadRecords_UnterminatedQuote_Throws()
    {
        Assert.Throws<FormatException>(() => Read("\"never closed,a\n"));
    }

    [Fact]
    public void ReadRecords_TextAfterClosingQuote_Throws()
    {
        Assert.Throws<FormatException>(() => Read("\"a\"b,c\n"));
    }
}
