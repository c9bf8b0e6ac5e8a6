using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal;

/// <summary>Cross-field rules for <see cref="PortalOptions"/>; reports every failure, naming the setting.</summary>
public sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, nameof(PortalOptions.SessionTimeout), options.SessionTimeout);
        Positive(failures, nameof(PortalOptions.LockoutDuration), options.LockoutDuration);
        Positive(failures, nameof(PortalOptions.ClaimDuration), options.ClaimDuration);
        foreach (var url in (options.Urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{PortalOptions.SectionName}:{nameof(PortalOptions.Urls)} has '{url}', which is not an http(s) URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{PortalOptions.SectionName}:{setting} must be more than zero (it is {value}).");
        }
    }
}
