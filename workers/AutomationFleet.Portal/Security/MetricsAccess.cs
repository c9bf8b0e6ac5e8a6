using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// Who may read <c>/metrics</c>: a signed-in account, or a scraper sending the configured
/// <see cref="PortalOptions.MetricsScrapeToken"/> as a bearer token. The token is compared in constant time (over
/// SHA-256 digests, so neither its content nor its length leaks through timing).
/// </summary>
public static class MetricsAccess
{
    public static bool Allows(HttpContext context, string? scrapeToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(scrapeToken))
        {
            return false;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(scrapeToken.Trim()));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
