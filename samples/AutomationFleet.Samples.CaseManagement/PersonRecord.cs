using CsvHelper;

namespace AutomationFleet.Samples.CaseManagement;

/// <summary>One person in the case-record extract (<c>samples/case-records/people.csv</c>) and the database.</summary>
[CsvRecord]
public sealed partial class PersonRecord
{
    [CsvColumn("id")]
    public string Id { get; set; } = "";

    [CsvColumn("given_name")]
    public string GivenName { get; set; } = "";

    [CsvColumn("surname")]
    public string Surname { get; set; } = "";

    /// <summary>YYYY-MM-DD.</summary>
    [CsvColumn("date_of_birth")]
    public string DateOfBirth { get; set; } = "";

    [CsvColumn("sex")]
    public string Sex { get; set; } = "";

    [CsvColumn("address")]
    public string Address { get; set; } = "";

    [CsvColumn("postcode")]
    public string Postcode { get; set; } = "";

    [CsvColumn("phone")]
    public string Phone { get; set; } = "";

    [CsvColumn("email")]
    public string Email { get; set; } = "";

    [CsvColumn("nhs_number")]
    public string NhsNumber { get; set; } = "";
}
