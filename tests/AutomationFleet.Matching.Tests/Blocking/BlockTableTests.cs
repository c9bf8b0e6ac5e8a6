using AutomationFleet.Matching.Blocking;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;

namespace AutomationFleet.Matching.Tests.Blocking;

public sealed class BlockTableTests
{
    private static readonly NormalisedPerson[] People = new PersonNormaliser().NormaliseAll(
    [
        new PersonRecord("0", "Ann", "Smith", Postcode: "PO82 7ER"),
        new PersonRecord("1", "Bob", "Jones", Postcode: "LS99 2DB"),
        new PersonRecord("2", "Cat", "Smith", Postcode: "PO82 7ER"),
        new PersonRecord("3", "Dan", "Brown"),
        new PersonRecord("4", "Eve", "Smith", Postcode: "PO82 7ER"),
    ]);

    private static string? PostcodeKey(NormalisedPerson p) => p.Postcode.Full.Length == 0 ? null : p.Postcode.Full;

    [Fact]
    public void Find_SharedKey_MembersInFileOrder()
    {
        var table = BlockTable.Build(People, PostcodeKey);

        Assert.Equal([0, 2, 4], table.Find("PO82 7ER").ToArray());
        Assert.Equal([1], table.Find("LS99 2DB").ToArray());
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Find_UnknownKey_Empty() =>
        Assert.True(BlockTable.Build(People, PostcodeKey).Find("ZZ1 1ZZ").IsEmpty);

    [Fact]
    public void Build_BlockOverMax_LeftOut()
    {
        var table = BlockTable.Build(People, PostcodeKey, maxBlock: 2);

        Assert.True(table.Find("PO82 7ER").IsEmpty);
        Assert.Equal([1], table.Find("LS99 2DB").ToArray());
    }
}
