using System.Security.Cryptography;
using System.Text;
using AutomationFleet.Core.Updates;
using Microsoft.AspNetCore.WebUtilities;

namespace AutomationFleet.Bots.Updates.OptOut;

/// <summary>
/// The token in every update's opt-out link: the item's root reference and the address's hash, signed with HMAC-SHA256
/// under <c>Updates:OptOutKey</c>. Unguessable without the key, bound to one address and item, and stateless, so any
/// host with the key (the public site) can check it. It carries no address, only the hash the store keeps.
/// </summary>
public sealed class OptOutToken
{
    private const char Separator = '\n';
    private readonly byte[] _key;

    /// <summary>Creates the signer from the base64 key.</summary>
    public OptOutToken(string base64Key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(base64Key);
        _key = Convert.FromBase64String(base64Key);
    }

    /// <summary>The token for updates about <paramref name="itemReference"/> to <paramref name="address"/>.</summary>
    public string Create(string itemReference, string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemReference);
        var body = Encoding.UTF8.GetBytes(UpdateRequest.RootOf(itemReference) + Separator + UpdateRecipient.HashOf(address));
        return WebEncoders.Base64UrlEncode(body) + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, body));
    }

    /// <summary>The opt-out a token stands for, or null for a token that is malformed or not signed with this key.</summary>
    public UpdateOptOut? Read(string? token)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot <= 0 || token.Length > 1024)
        {
            return null;
        }

        byte[] body;
        byte[] mac;
        try
        {
            body = WebEncoders.Base64UrlDecode(token[..dot]);
            mac = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, body)))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(body).Split(Separator);
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length == 64 ? new UpdateOptOut(parts[1], parts[0]) : null;
    }

    /// <summary>The link for an update: <c>Updates:OptOutUrl?token=…</c>.</summary>
    public static string LinkFor(string optOutUrl, string token) =>
        QueryHelpers.AddQueryString(optOutUrl, "token", token);
}
