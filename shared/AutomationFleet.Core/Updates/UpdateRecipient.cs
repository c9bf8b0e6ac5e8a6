using System.Security.Cryptography;
using System.Text;

namespace AutomationFleet.Core.Updates;

/// <summary>How an address is kept in the store: the SHA-256 of its trimmed, lower-cased form, in hex.</summary>
public static class UpdateRecipient
{
    /// <summary>The address's hash.</summary>
    public static string HashOf(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())));
    }
}
