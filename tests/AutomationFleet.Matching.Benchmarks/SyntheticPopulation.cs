using System.Globalization;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;
using Bogus;

namespace AutomationFleet.Matching.Benchmarks;

/// <summary>
/// A seeded, made-up population whose truth is known: <see cref="People"/> holds one clean record per person, and
/// <see cref="Copy"/> makes a record of one of them with errors put in at <see cref="TypoRates"/>, remembering whose it
/// is. Names, streets and towns come from Bogus, mixed over several locales because a council's residents' names are
/// not all English and a single locale's few hundred surnames would make every block of a million records huge.
/// Nothing can be a real person's: NHS numbers are in the 999 test range, phones in Ofcom's drama ranges, e-mail at
/// example domains.
/// </summary>
public sealed class SyntheticPopulation
{
    // (locale, share of residents): the mix only has to spread names the way a town's register does.
    private static readonly (string Locale, double Share)[] Locales =
    [
        ("en_GB", 0.55), ("en", 0.15), ("en_IE", 0.08), ("en_IND", 0.07), ("pl", 0.05), ("it", 0.03), ("fr", 0.03), ("de", 0.02), ("ro", 0.02),
    ];

    private static readonly string[] PostcodeAreas = ["RG", "SL", "OX", "HP", "GU", "MK", "SN", "PO", "SO", "BN", "LS", "M", "B", "NE", "CF", "EH", "G", "BS", "NG", "L"];
    private const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    // Ofcom keeps these for drama: no real line has them. Mobile 07700 900000-999; landlines below, 0000-0999 each.
    private static readonly string[] LandlinePrefixes =
    [
        "0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0", "0117 496 0", "0118 496 0", "0121 496 0", "0131 496 0",
        "0141 496 0", "0151 496 0", "0161 496 0", "020 7946 0", "0191 498 0", "029 2018 0",
    ];

    private static readonly string[] EmailDomains = ["example.org", "example.com", "example.net"];

    private readonly Faker[] _fakers;
    private readonly Randomizer _randomizer;
    private readonly Dictionary<string, string[]> _nicknames;
    private readonly string[] _streets;
    private readonly string[] _towns;

    /// <summary>Generates <paramref name="count"/> people from <paramref name="seed"/>: the same seed, the same people.</summary>
    public SyntheticPopulation(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Seed = seed;
        _randomizer = new Randomizer(seed);
        _fakers = Locales.Select(l => new Faker(l.Locale) { Random = _randomizer }).ToArray();
        _nicknames = NicknameAlternatives();

        // Drawn once, so that a copy's new address depends only on the copy's own generator.
        _streets = Enumerable.Range(0, 4000).Select(_ => _fakers[PickLocale()].Address.StreetName()).Distinct(StringComparer.Ordinal).ToArray();
        _towns = Enumerable.Range(0, 400).Select(_ => _fakers[0].Address.City()).Distinct(StringComparer.Ordinal).ToArray();
        // Every nine-digit stem of the test range once, shuffled, so people get distinct numbers.
        var stems = Enumerable.Range(0, 1_000_000).ToArray();
        new Random(seed).Shuffle(stems);
        var nextStem = 0;
        var people = new PersonRecord[count];
        for (var i = 0; i < count; i++)
        {
            // 70 % hold an NHS number in the extract; there are only ~909,000 valid ones in the test range.
            var nhs = "";
            if (_randomizer.Double() < 0.70)
            {
                while (nhs.Length == 0 && nextStem < stems.Length)
                {
                    nhs = NhsNumberOf(stems[nextStem++]);
                }
            }

            people[i] = NewPerson(i, nhs);
        }

        People = people;
    }

    /// <summary>The seed the people were made from.</summary>
    public int Seed { get; }

    /// <summary>One clean record per person; a person's key is its position here.</summary>
    public IReadOnlyList<PersonRecord> People { get; }

    /// <summary>
    /// A record of person <paramref name="personKey"/> with id <paramref name="id"/> and errors drawn at
    /// <paramref name="rates"/> from <paramref name="random"/> (the caller's seeded generator: same calls, same copies).
    /// </summary>
    public SyntheticRecord Copy(int personKey, string id, TypoRates rates, Random random)
    {
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(random);
        var record = People[personKey] with { Id = id };
        var applied = Corruption.None;
        if (random.NextDouble() < rates.Nickname && _nicknames.TryGetValue(NameNormaliser.GivenName(record.GivenName), out var alternatives))
        {
            record = record with { GivenName = TitleCase(alternatives[random.Next(alternatives.Length)]) };
            applied |= Corruption.Nickname;
        }

        if (random.NextDouble() < rates.NameTypo)
        {
            record = random.Next(2) == 0
                ? record with { GivenName = Typo(record.GivenName, random) }
                : record with { Surname = Typo(record.Surname, random) };
            applied |= Corruption.NameTypo;
        }

        if (random.NextDouble() < rates.DayMonthSwap && SwapDayAndMonth(record.DateOfBirth) is { } swapped)
        {
            record = record with { DateOfBirth = swapped };
            applied |= Corruption.DayMonthSwap;
        }

        if (random.NextDouble() < rates.MovedHouse)
        {
            record = record with { Address = Address(random), Postcode = Postcode(random) };
            applied |= Corruption.MovedHouse;
        }

        if (random.NextDouble() < rates.MissingField)
        {
            var missing = 1 + random.Next(2);
            for (var m = 0; m < missing; m++)
            {
                record = LeaveOut(record, random.Next(6));
            }

            applied |= Corruption.MissingField;
        }

        // Forms are typed in the UK's day-first layout about half the time; the reader takes both.
        if (random.Next(2) == 0 && BirthDate.TryParse(record.DateOfBirth, out var date) && date.IsComplete)
        {
            record = record with { DateOfBirth = string.Create(CultureInfo.InvariantCulture, $"{date.Day:00}/{date.Month:00}/{date.Year:0000}") };
        }

        return new SyntheticRecord(record, personKey, applied);
    }

    /// <summary>True when <paramref name="givenName"/> has a nickname the generator can put in its place.</summary>
    public bool HasNickname(string givenName) => _nicknames.ContainsKey(NameNormaliser.GivenName(givenName));

    private PersonRecord NewPerson(int key, string nhsNumber)
    {
        var faker = _fakers[PickLocale()];
        var female = _randomizer.Bool();
        var gender = female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male;
        var given = faker.Name.FirstName(gender);
        var surname = faker.Name.LastName(gender);
        var born = new DateOnly(1930, 1, 1).AddDays(_randomizer.Int(0, 33_000));
        // Not HashCode.Combine: it is seeded per process, and the population must be the same in every run.
        var random = new Random(unchecked((Seed * 1_000_003) + key));
        var phone = _randomizer.Int(0, 99) switch
        {
            < 35 => string.Create(CultureInfo.InvariantCulture, $"07700 900{_randomizer.Int(0, 999):000}"),
            < 55 => _randomizer.ArrayElement(LandlinePrefixes) + _randomizer.Int(0, 999).ToString("000", CultureInfo.InvariantCulture),
            _ => "",
        };
        var email = _randomizer.Int(0, 99) < 60
            ? $"{Local(given)}.{Local(surname)}{_randomizer.Int(1, 999)}@{_randomizer.ArrayElement(EmailDomains)}"
            : "";
        return new PersonRecord(
            Id: string.Create(CultureInfo.InvariantCulture, $"P{key:0000000}"),
            GivenName: given,
            Surname: surname,
            DateOfBirth: born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Sex: _randomizer.Int(0, 99) < 1 ? "" : female ? "F" : "M",
            Address: Address(random),
            Postcode: Postcode(random),
            Phone: phone,
            Email: email,
            NhsNumber: nhsNumber);
    }

    private int PickLocale()
    {
        var x = _randomizer.Double();
        for (var i = 0; i < Locales.Length; i++)
        {
            x -= Locales[i].Share;
            if (x < 0)
            {
                return i;
            }
        }

        return 0;
    }

    private string Address(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 221)} {_streets[random.Next(_streets.Length)]}, {_towns[random.Next(_towns.Length)]}");

    // Outward code: an area and a district number; inward code: a digit and two of the letters Royal Mail uses.
    private static string Postcode(Random random) => string.Create(
        CultureInfo.InvariantCulture,
        $"{PostcodeAreas[random.Next(PostcodeAreas.Length)]}{random.Next(1, 46)} {random.Next(10)}{InwardLetters[random.Next(InwardLetters.Length)]}{InwardLetters[random.Next(InwardLetters.Length)]}");

    private static string Local(string name) => new(name.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());

    // The valid NHS number with this stem, or "" when no check digit makes it valid (about 1 stem in 11).
    private static string NhsNumberOf(int stem)
    {
        var nine = string.Create(CultureInfo.InvariantCulture, $"999{stem:000000}");
        for (var check = '0'; check <= '9'; check++)
        {
            if (NhsNumber.IsValid(nine + check))
            {
                return nine + check;
            }
        }

        return "";
    }

    private static string Typo(string name, Random random)
    {
        if (name.Length < 2)
        {
            return name;
        }

        var at = random.Next(name.Length);
        var letter = (char)('a' + random.Next(26));
        return random.Next(4) switch
        {
            0 => name[..at] + letter + name[(at + 1)..],
            1 => name.Remove(at, 1),
            2 => name.Insert(at, letter.ToString()),
            _ when at < name.Length - 1 => name[..at] + name[at + 1] + name[at] + name[(at + 2)..],
            _ => name[..(at - 1)] + name[at] + name[at - 1],
        };
    }

    private static string? SwapDayAndMonth(string dateOfBirth) =>
        BirthDate.TryParse(dateOfBirth, out var date) && date.IsComplete && date.Day <= 12 && date.Day != date.Month
            ? string.Create(CultureInfo.InvariantCulture, $"{date.Year:0000}-{date.Day:00}-{date.Month:00}")
            : null;

    private static PersonRecord LeaveOut(PersonRecord record, int field) => field switch
    {
        0 => record with { Phone = "" },
        1 => record with { Email = "" },
        2 => record with { NhsNumber = "" },
        3 => record with { Sex = "" },
        4 => record with { Address = "", Postcode = "" },
        _ => record with { DateOfBirth = "" },
    };

    private static string TitleCase(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    // The nickname groups the matcher knows (the same embedded table), as: name → the other names of its groups.
    private static Dictionary<string, string[]> NicknameAlternatives()
    {
        using var stream = typeof(SyntheticPopulation).Assembly.GetManifestResourceStream("AutomationFleet.Matching.Benchmarks.nicknames.csv")
            ?? throw new InvalidOperationException("the nickname table is not embedded in the benchmark assembly");
        using var reader = new StreamReader(stream);
        var alternatives = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var names = line.Split(',').Select(NameNormaliser.GivenName).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var name in names)
            {
                if (!alternatives.TryGetValue(name, out var set))
                {
                    alternatives[name] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(names.Where(n => n != name));
            }
        }

        return alternatives.Where(a => a.Value.Count > 0).ToDictionary(a => a.Key, a => a.Value.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }
}

/// <summary>One generated record, whose person it is (<see cref="SyntheticPopulation.People"/> position), and the errors put in.</summary>
public sealed record SyntheticRecord(PersonRecord Record, int PersonKey, Corruption Corruptions);
