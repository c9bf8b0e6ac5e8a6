using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.PublicSite.Security;

/// <summary>
/// The opaque, time-limited link a successful look-up (or an application) redirects to (post/redirect/get): the item id
/// and an expiry sealed with the site's own key ring, so the URL carries neither the reference nor the check. The
/// expiry is checked against the injected clock (not the framework's time-limited protector, which reads the system clock).
/// </summary>
public sealed class ResultLinks(IDataProtectionProvider provider, IOptions<PublicSiteOptions> options, TimeProvider time)
{
    private readonly IDataProtector _protector = provider.CreateProtector("AutomationFleet.PublicSite.ResultLink.v1");

    public string For(long itemId)
    {
        var expires = (time.GetUtcNow() + options.Value.ResultLifetime).ToUnixTimeMilliseconds();
        return _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{itemId}:{expires}"));
    }

    /// <summary>The item id in a link, or null when it is not one of ours or has expired.</summary>
    public long? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string plain;
        try
        {
            plain = _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = plain.Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && time.GetUtcNow().ToUnixTimeMilliseconds() < expires
            ? id
            : null;
    }
}
