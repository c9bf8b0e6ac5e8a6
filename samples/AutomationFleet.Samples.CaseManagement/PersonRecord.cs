using CsvHelper.Configuration.Attributes;

namespace AutomationFleet.Samples.CaseManagement;

/// <summary>One person in the case-record extract (<c>samples/case-records/people.csv</c>) and the database.</summary>
public sealed class PersonRecord
{
    [Name("id")]
    public string Id { get; set; } = "";

    [Name("given_name")]
    public string GivenName { get; set; } = "";

    [Name("surname")]
    public string Surname { get; set; } = "";

    /// <summary>YYYY-MM-DD.</summary>
    [Name("date_of_birth")]
    public string DateOfBirth { get; set; } = "";

    [Name("sex")]
    public string Sex { get; set; } = "";

    [Name("address")]
    public string Address { get; set; } = "";

    [Name("postcode")]
    public string Postcode { get; set; } = "";

    [Name("phone")]
    public string Phone { get; set; } = "";

    [Name("email")]
    public string Email { get; set; } = "";

    [Name("nhs_number")]
    public string NhsNumber { get; set; } = "";

    /// <summary>
    /// Where the record came from when another system opened it (the fleet puts its item reference here, so a redo can
    /// find the record it made); empty for people from the extract, which never carries it.
    /// </summary>
    [Ignore]
    public string SourceReference { get; set; } = "";
}
