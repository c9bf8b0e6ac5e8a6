using AutomationFleet.Matching.Records;

namespace AutomationFleet.Matching.Tests.Records;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("matching-atomic").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Write_FailsMidway_NothingHalfWritten()
    {
        var path = Path.Combine(_folder, "pairs.csv");
        Assert.Throws<RecordFileException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("left_id,right_id\n"u8);
            throw new RecordFileException("in.csv", 3, "date_of_birth", "is not a possible date of birth");
        }));

        Assert.Empty(Directory.GetFiles(_folder));
    }
}
