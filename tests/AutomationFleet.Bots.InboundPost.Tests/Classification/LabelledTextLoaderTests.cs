using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

public sealed class LabelledTextLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("classifier-loader-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_CsvWithIdAndQuotedNewline_ReadsEveryColumn()
    {
        var path = Path.Combine(_directory, "data.csv");
        File.WriteAllText(path, "id,label,text\r\n7,waste,\"bin not\ncollected, \"\"again\"\"\"\r\n8,highways,pothole\r\n");

        var examples = LabelledTextLoader.Load(path);

        Assert.Equal(new LabelledText("bin not\ncollected, \"again\"", "waste", "7"), examples[0]);
        Assert.Equal(new LabelledText("pothole", "highways", "8"), examples[1]);
    }

    [Fact]
    public void Load_CsvWithoutLabelColumn_Throws()
    {
        var path = Path.Combine(_directory, "data.csv");
        File.WriteAllText(path, "text\nhello\n");

        Assert.Throws<FormatException>(() => LabelledTextLoader.Load(path));
    }

    [Fact]
    public void ReadCsv_RowWithWrongFieldCount_Throws()
    {
        Assert.Throws<FormatException>(() => LabelledTextLoader.ReadCsv(new StringReader("text,label\na,b,c\n")));
    }

    [Fact]
    public void Load_Jsonl_ReadsTextLabelAndStringOrNumberId()
    {
        var path = Path.Combine(_directory, "data.jsonl");
        File.WriteAllText(path, "{\"text\":\"line1\\nline2 \\\"q\\\"\",\"label\":\"waste\",\"id\":12}\n\n{\"id\":\"r-2\",\"label\":\"highways\",\"text\":\"pothole\"}\n");

        var examples = LabelledTextLoader.Load(path);

        Assert.Equal([new LabelledText("line1\nline2 \"q\"", "waste", "12"), new LabelledText("pothole", "highways", "r-2")], examples);
    }

    [Fact]
    public void ReadJsonl_MissingLabel_ThrowsUnlessNotRequired()
    {
        const string line = "{\"text\":\"no label\"}";

        Assert.Throws<FormatException>(() => LabelledTextLoader.ReadJsonl(new StringReader(line)));
        Assert.Equal(string.Empty, LabelledTextLoader.ReadJsonl(new StringReader(line), requireLabel: false)[0].Label);
    }

    [Fact]
    public void CleanCfpbInput_TestFilePrompt_KeepsOnlyTheComment()
    {
        var cleaned = PublicDatasets.CleanCfpbInput("Including narratives choice the best match: 'a', 'b'.\nComment: card took long\nProduct:\n");

        Assert.Equal("card took long", cleaned);
    }
}
