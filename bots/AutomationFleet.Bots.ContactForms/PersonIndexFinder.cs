using System.Globalization;
using AutomationFleet.Bots.ContactForms.Forms;
using AutomationFleet.Matching.Index;
using AutomationFleet.Matching.Records;

namespace AutomationFleet.Bots.ContactForms;

/// <summary>
/// The bot's view of the fleet's person index: the form's person in, ranked and explained candidates out. The index is
/// the one in the shared <see cref="PersonIndexHolder"/> (loaded by <see cref="PersonIndexLoader"/>, registered by
/// <c>AddPersonIndex</c>); it is read once per lookup, so a lookup never sees half an index.
/// </summary>
public sealed class PersonIndexFinder(PersonIndexHolder holder) : IPersonFinder
{
    /// <summary>Records under this probability are not plausible candidates and are not shown.</summary>
    public double ReviewThreshold => 0.01;

    public IReadOnlyList<EvidenceCandidate> Find(FormPerson person, int max)
    {
        ArgumentNullException.ThrowIfNull(person);
        var index = holder.Index ?? throw new InvalidOperationException("The person index is not loaded yet.");
        var query = new PersonRecord(
            "form", person.GivenName ?? "", person.Surname ?? "", person.DateOfBirth ?? "", person.Sex ?? "", person.Address ?? "",
            person.Postcode ?? "", person.Phone ?? "", person.Email ?? "", person.NhsNumber ?? "");
        return index.Find(query, max)
            .Select(m => new EvidenceCandidate(
                m.Record.Id,
                Summary(m.Record),
                m.Explanation.Probability,
                m.Explanation.TotalBits,
                m.Explanation.PriorBits,
                m.Explanation.Fields
                    .Select(f => new EvidenceComparison(f.Field, ValueOf(query, f.Field), ValueOf(m.Record, f.Field), f.Level, f.Bits))
                    .ToList()))
            .ToList();
    }

    private static string Summary(PersonRecord r) =>
        string.Join(", ", new[] { $"{r.GivenName} {r.Surname}".Trim(), r.DateOfBirth, r.Postcode }.Where(s => s.Length > 0));

    private static string ValueOf(PersonRecord r, string field) => field switch
    {
        "given_name" => r.GivenName,
        "surname" => r.Surname,
        "date_of_birth" => r.DateOfBirth,
        "sex" => r.Sex,
        "location" => string.Join(", ", new[] { r.Address, r.Postcode }.Where(s => s.Length > 0)),
        "phone" => r.Phone,
        "email" => r.Email,
        "nhs_number" => r.NhsNumber,
        "other_id" => r.OtherId,
        _ => string.Create(CultureInfo.InvariantCulture, $"?{field}"),
    };
}
