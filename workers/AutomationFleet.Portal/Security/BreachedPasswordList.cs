using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// Passwords known from breaches, which a new password must not be (OWASP ASVS 5.0 V6.2.4, NIST SP 800-63B §3.1.1.2).
/// Either a plain list held in memory (the shipped NCSC top 100,000, or a council's own), compared ignoring case, or a
/// sorted file of SHA-1 hashes (Have I Been Pwned's offline download) searched on disk, never loaded.
/// </summary>
public abstract class BreachedPasswordList
{
    /// <summary>The resource the shipped list is embedded as (from <c>config/passwords/</c>).</summary>
    public const string ShippedResource = "AutomationFleet.Portal.Passwords.ncsc-100k-most-used-passwords.txt";

    private static readonly Lazy<BreachedPasswordList> ShippedList = new(LoadShipped);

    /// <summary>The NCSC's 100,000 most used passwords, shipped with the portal (see <c>config/passwords/README.md</c>).</summary>
    public static BreachedPasswordList Shipped => ShippedList.Value;

    /// <summary>Whether <paramref name="password"/> is on the list.</summary>
    public abstract bool Contains(string password);

    /// <summary>The shipped list, or the file a council configured (<see cref="PortalPasswordOptions"/>).</summary>
    public static BreachedPasswordList From(PortalPasswordOptions? options)
    {
        if (options is null || string.IsNullOrWhiteSpace(options.BreachedListPath))
        {
            return Shipped;
        }

        return options.BreachedListFormat == BreachedListFormat.Sha1
            ? new Sha1File(options.BreachedListPath)
            : new Plain(File.ReadLines(options.BreachedListPath));
    }

    private static Plain LoadShipped()
    {
        using var stream = typeof(BreachedPasswordList).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"The portal assembly has no resource {ShippedResource}; the build is broken.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>(100_000);
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return new Plain(lines);
    }

    /// <summary>One password a line, held in memory, compared ignoring case (a list that has "password1" refuses "Password1").</summary>
    private sealed class Plain(IEnumerable<string> passwords) : BreachedPasswordList
    {
        private readonly HashSet<string> _passwords = passwords.Where(p => p.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);

        public override bool Contains(string password) => _passwords.Contains(password ?? string.Empty);
    }

    /// <summary>
    /// Upper-case SHA-1 hex of each password, sorted, one a line (optionally <c>:COUNT</c> after it): a binary search over
    /// the file's bytes, so a corpus of tens of gigabytes costs a few dozen small reads per check and no memory.
    /// </summary>
    private sealed class Sha1File(string path) : BreachedPasswordList
    {
        private const int HashLength = 40;

        public override bool Contains(string password)
        {
            // SHA-1 because that is what the corpus is keyed by (HIBP publishes SHA-1 hashes); it protects nothing here.
#pragma warning disable CA5350
            var target = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password ?? string.Empty)));
#pragma warning restore CA5350
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.RandomAccess);

            // Invariant: the target's line, if any, starts in [low, high).
            long low = 0, high = file.Length;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                var start = LineStartAtOrAfter(file, middle);
                if (start >= high)
                {
                    high = middle;
                    continue;
                }

                var (hash, next) = ReadHash(file, start);
                var order = string.CompareOrdinal(hash, target);
                if (order == 0)
                {
                    return true;
                }

                if (order < 0)
                {
                    low = next;
                }
                else
                {
                    high = middle;
                }
            }

            return false;
        }

        private static long LineStartAtOrAfter(FileStream file, long position)
        {
            if (position == 0)
            {
                return 0;
            }

            file.Position = position - 1;
            int b;
            while ((b = file.ReadByte()) >= 0 && b != '\n')
            {
            }

            return file.Position;
        }

        /// <summary>The hash at the start of the line at <paramref name="start"/> (upper case) and where the next line starts.</summary>
        private static (string Hash, long Next) ReadHash(FileStream file, long start)
        {
            file.Position = start;
            var hash = new StringBuilder(HashLength);
            int b;
            while ((b = file.ReadByte()) >= 0 && b != '\n')
            {
                if (hash.Length < HashLength && b != ':' && b != '\r')
                {
                    hash.Append(char.ToUpperInvariant((char)b));
                }
            }

            return (hash.ToString(), file.Position);
        }
    }
}
