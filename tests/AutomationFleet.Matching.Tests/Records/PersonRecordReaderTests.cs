using AutomationFleet.Matching.Records;

namespace AutomationFleet.Matching.Tests.Records;

public sealed class PersonRecordReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("matching-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_ImpossibleDate_ErrorNamesRowAndColumn()
    {
        var path = Write("id,given_name,surname,date_of_birth\n1,Ann,Lee,1970-01-01\n2,Bob,Ray,2023-02-30\n");
        var error = Assert.Throws<RecordFileException>(() => new PersonRecordReader().Read(path));
        Assert.Equal((3L, "date_of_birth"), (error.Row!.Value, error.Column!));
    }

    [Fact]
    public void Read_EmptyNames_ErrorNamesRow()
    {
        var path = Write("id,given_name,surname\n1,,\n");
        var error = Assert.Throws<RecordFileException>(() => new PersonRecordReader().Read(path));
        Assert.Equal(2L, error.Row);
    }

    [Fact]
    public void Read_MappedColumnMissing_ErrorNamesColumn()
    {
        var path = Write("rec_id,pername1\n1,Ann\n");
        var mapping = new ColumnMapping(new Dictionary<string, string[]> { ["id"] = ["rec_id"], ["surname"] = ["pername2"] });
        var error = Assert.Throws<RecordFileException>(() => new PersonRecordReader().Read(path, mapping));
        Assert.Equal("pername2", error.Column);
    }

    [Fact]
    public void Read_OversizedFile_Refused()
    {
        var path = Write("id,given_name\n1,Ann\n");
        var error = Assert.Throws<RecordFileException>(() => new PersonRecordReader(new RecordFileOptions { MaxFileBytes = 5 }).Read(path));
        Assert.Contains("over the limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedCsv_ErrorNamesRow()
    {
        var path = Write("id,given_name,surname\n1,Ann,Lee\n2,Bob\n");
        var error = Assert.Throws<RecordFileException>(() => new PersonRecordReader().Read(path));
        Assert.Equal(3L, error.Row);
    }

    [Fact]
    public void Read_QuoteNotClosed_ErrorNamesRowWhereItOpensAndColumn()
    {
        var path = Write("id,given_name,surname\n1,Ann,Lee\n2,Bob,\"Ray\n3,Cy,Day\n");
        var error = Assert.Throws<RecordFileException>(() => new PersonRecordReader().Read(path));
        Assert.Equal((3L, "surname"), (error.Row!.Value, error.Column!));
    }

    [Fact]
    public void Read_TextAfterClosingQuote_ErrorNamesRowAndColumn()
    {
        var path = Write("id,given_name,surname\n1,\"Ann\"e,Lee\n");
        var error = Assert.Throws<RecordFileException>(() => new PersonRecordReader().Read(path));
        Assert.Equal((2L, "given_name"), (error.Row!.Value, error.Column!));
    }

    [Fact]
    public void Read_StrayQuoteInUnquotedValue_ReadAsWritten()
    {
        var path = Write("id,given_name,surname\n1,Ann,O\"Brien\n2,Bob,Ray\n");
        var file = new PersonRecordReader().Read(path);
        Assert.Equal(["O\"Brien", "Ray"], file.Records.Select(r => r.Surname));
    }

    [Fact]
    public void Read_MappedAndStandardColumns_FieldsListsWhatTheFileProvides()
    {
        var path = Write("ref,surname,dob,notes\n1,Lee,1970-01-01,x\n");
        var mapping = new ColumnMapping(new Dictionary<string, string[]> { ["id"] = ["ref"], ["date_of_birth"] = ["dob"] });
        var file = new PersonRecordReader().Read(path, mapping);
        Assert.Equal(["id", "surname", "date_of_birth"], file.Fields);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, text);
        return path;
    }
}
