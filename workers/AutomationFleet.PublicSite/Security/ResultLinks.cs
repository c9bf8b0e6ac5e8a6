using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.PublicSite.Security;

/// <summary>
/// The opaque, time-limited link a successful look-up (or an application) redirects to (post/redirect/get): the item id
/// sealed with the site's own key ring, so the URL carries neither the reference nor the check, and expires.
/// </summary>
public sealed class ResultLinks(IDataProtectionProvider provider, IOptions<PublicSiteOptions> options, TimeProvider time)
{
    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("AutomationFleet.PublicSite.ResultLink.v1").ToTimeLimitedDataProtector();

    public string For(long itemId) =>
        _protector.Protect(itemId.ToString(CultureInfo.InvariantCulture), time.GetUtcNow() + options.Value.ResultLifetime);

    /// <summary>The item id in a link, or null when it is not one of ours or has expired.</summary>
    public long? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return long.TryParse(_protector.Unprotect(token, out var expiry), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && expiry > time.GetUtcNow()
                ? id
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
