using System.Security.Cryptography;
using System.Text;

namespace AutomationFleet.Portal.Intake;

/// <summary>
/// API keys for the intake endpoint: 32 random bytes, base64url, shown once; kept only as SHA-256. A key this long
/// cannot be guessed, so an unsalted hash is enough (as for other bearer tokens); comparison is in constant time.
/// </summary>
public static class IntakeKeys
{
    /// <summary>A new key and the hash to put in <c>Intake:Sources</c>.</summary>
    public static (string Key, string Hash) Create()
    {
        var key = "afk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (key, HashOf(key));
    }

    /// <summary><c>sha256:</c> and the hex SHA-256 of the key.</summary>
    public static string HashOf(string key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The source whose hash is the key's, if any.</summary>
    public static IntakeSource? Find(IEnumerable<IntakeSource> sources, string key)
    {
        var hash = Encoding.ASCII.GetBytes(HashOf(key));
        IntakeSource? found = null;
        foreach (var source in sources)
        {
            // Every source is compared, so the time taken does not tell which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(source.KeyHash)))
            {
                found = source;
            }
        }

        return found;
    }
}
