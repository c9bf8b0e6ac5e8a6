using System.Globalization;
using Bogus;
using CsvHelper;

namespace AutomationFleet.Samples.CaseManagement;

/// <summary>
/// Writes the fictitious case-record extract once (<c>--generate-extract PATH</c>); the committed CSV is its output.
/// A fixed seed makes the same file every time. NHS numbers start 999 (the range NHS England keeps for tests) and
/// phone numbers are in Ofcom's drama ranges, so none can belong to a real person.
/// </summary>
public static class ExtractGenerator
{
    public const int DefaultCount = 3000;

    private static readonly string[] PostcodeAreas = ["RG", "SL", "OX", "HP", "GU", "MK", "SN", "PO", "SO", "BN"];
    private const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    public static IReadOnlyList<PersonRecord> Generate(int count, int seed = 1203)
    {
        var faker = new Faker("en_GB");
        faker.Random = new Randomizer(seed);
        var people = new List<PersonRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var female = faker.Random.Bool();
            var given = faker.Name.FirstName(female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);
            var surname = faker.Name.LastName();
            var born = new DateOnly(1930, 1, 1).AddDays(faker.Random.Int(0, 33_000));
            people.Add(new PersonRecord
            {
                Id = $"CR{100001 + i}",
                GivenName = given,
                Surname = surname,
                DateOfBirth = born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Sex = faker.Random.Int(0, 99) < 2 ? "U" : female ? "F" : "M",
                Address = $"{faker.Random.Int(1, 220)} {faker.Address.StreetName()}, {faker.Address.City()}",
                Postcode = Postcode(faker),
                Phone = faker.Random.Bool() ? $"07700 900{faker.Random.Int(0, 999):000}" : $"0118 496 0{faker.Random.Int(0, 999):000}",
                Email = $"{given}.{surname}{faker.Random.Int(1, 99)}@example.org".ToLowerInvariant().Replace(' ', '-').Replace('\'', '-'),
                NhsNumber = NhsNumberFor(faker),
            });
        }

        return people;
    }

    public static void Write(string path, IReadOnlyList<PersonRecord> people)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteRecords(people);
    }

    public static IReadOnlyList<PersonRecord> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return csv.GetRecords<PersonRecord>().ToList();
    }

    // Outward code: a real area and a district number; inward code: a digit and two of the letters Royal Mail uses there.
    private static string Postcode(Faker faker)
    {
        var area = faker.PickRandom(PostcodeAreas);
        var district = faker.Random.Int(1, 45);
        var sector = faker.Random.Int(0, 9);
        var unit1 = InwardLetters[faker.Random.Int(0, InwardLetters.Length - 1)];
        var unit2 = InwardLetters[faker.Random.Int(0, InwardLetters.Length - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"{area}{district} {sector}{unit1}{unit2}");
    }

    private static string NhsNumberFor(Faker faker)
    {
        while (true)
        {
            var nine = "999" + faker.Random.Int(0, 999_999).ToString("000000", CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(nine) is { } check)
            {
                return nine + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
