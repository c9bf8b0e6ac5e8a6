namespace AutomationFleet.Matching.Benchmarks.Tests;

public class SyntheticPopulationTests
{
    private const int People = 2000;
    private const int Copies = 20_000;
    private const string Fingerprint = "860e27d501da4ea5";

    [Fact]
    public void Constructor_SameSeed_SamePeopleAndCopies()
    {
        var a = new SyntheticPopulation(People, seed: 7);
        var b = new SyntheticPopulation(People, seed: 7);

        Assert.Equal(a.People, b.People);
        Assert.Equal(CopiesOf(a, 11, 500), CopiesOf(b, 11, 500));
    }

    [Fact]
    public void Constructor_SameSeedInAnyProcess_SameFingerprint()
    {
        // A fingerprint taken once: equality within one process cannot catch per-process hashing (string.GetHashCode, HashCode).
        var people = new SyntheticPopulation(200, seed: 7).People;
        var text = string.Join('\n', people.Select(p => string.Join('|', p.Id, p.GivenName, p.Surname, p.DateOfBirth, p.Sex, p.Address, p.Postcode, p.Phone, p.Email, p.NhsNumber)));

        Assert.Equal(Fingerprint, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16]);
    }

    [Fact]
    public void Constructor_OtherSeed_OtherPeople()
    {
        var a = new SyntheticPopulation(People, seed: 7);
        var b = new SyntheticPopulation(People, seed: 8);

        Assert.True(a.People.Zip(b.People).Count(p => p.First == p.Second) < People / 100);
    }

    [Fact]
    public void Constructor_NhsNumbers_DistinctAndValid()
    {
        var numbers = new SyntheticPopulation(People, seed: 7).People.Select(p => p.NhsNumber).Where(n => n.Length > 0).ToList();

        Assert.InRange(numbers.Count / (double)People, 0.65, 0.75);
        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.All(numbers, n => Assert.True(Normalisation.NhsNumber.IsValid(n)));
    }

    [Fact]
    public void Copy_DefaultRates_ErrorsRoughlyAtTheirRates()
    {
        var population = new SyntheticPopulation(People, seed: 7);
        var rates = new TypoRates();
        var copies = CopiesOf(population, 3, Copies);

        Assert.InRange(Share(copies, Corruption.NameTypo), rates.NameTypo - 0.01, rates.NameTypo + 0.01);
        Assert.InRange(Share(copies, Corruption.MovedHouse), rates.MovedHouse - 0.01, rates.MovedHouse + 0.01);
        Assert.InRange(Share(copies, Corruption.MissingField), rates.MissingField - 0.01, rates.MissingField + 0.01);

        // Nicknames and swaps can only happen to the people who have one or whose day is 12 or less.
        var nicknamable = copies.Where(c => population.HasNickname(population.People[c.PersonKey].GivenName)).ToList();
        Assert.InRange(Share(nicknamable, Corruption.Nickname), rates.Nickname - 0.03, rates.Nickname + 0.03);
        var swappable = copies.Where(c => Swappable(population.People[c.PersonKey].DateOfBirth)).ToList();
        Assert.InRange(Share(swappable, Corruption.DayMonthSwap), rates.DayMonthSwap - 0.01, rates.DayMonthSwap + 0.01);
    }

    [Fact]
    public void Copy_NoErrors_SamePersonUnderTheNewId()
    {
        var population = new SyntheticPopulation(People, seed: 7);
        var copy = population.Copy(5, "X1", TypoRates.None, new Random(1));

        Assert.Equal(Corruption.None, copy.Corruptions);
        Assert.Equal(5, copy.PersonKey);
        Assert.Equal("X1", copy.Record.Id);
        Assert.Equal(population.People[5].Surname, copy.Record.Surname);
        Assert.Equal(population.People[5].Postcode, copy.Record.Postcode);
    }

    [Fact]
    public void Copy_NameTypo_OneEditFromTheName()
    {
        var population = new SyntheticPopulation(People, seed: 7);
        var random = new Random(2);
        var copies = Enumerable.Range(0, 200).Select(p => population.Copy(p, $"X{p}", TypoRates.None with { NameTypo = 1 }, random)).ToList();

        Assert.All(copies, c =>
        {
            var person = population.People[c.PersonKey];
            var edits = Scoring.StringSimilarity.Levenshtein(person.GivenName, c.Record.GivenName, 3)
                + Scoring.StringSimilarity.Levenshtein(person.Surname, c.Record.Surname, 3);
            Assert.InRange(edits, 0, 2);
        });
        Assert.True(copies.Count(c => c.Record.GivenName != population.People[c.PersonKey].GivenName || c.Record.Surname != population.People[c.PersonKey].Surname) > 180);
    }

    private static List<SyntheticRecord> CopiesOf(SyntheticPopulation population, int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => population.Copy(random.Next(People), $"C{i}", new TypoRates(), random)).ToList();
    }

    private static double Share(List<SyntheticRecord> copies, Corruption kind) => copies.Count(c => c.Corruptions.HasFlag(kind)) / (double)copies.Count;

    private static bool Swappable(string dateOfBirth)
    {
        var date = DateOnly.ParseExact(dateOfBirth, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return date.Day <= 12 && date.Day != date.Month;
    }
}
