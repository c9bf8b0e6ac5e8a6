using AutomationFleet.Web.DataProtection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.PublicSite;

/// <summary>Rules for <see cref="PublicSiteOptions"/>; reports every failure, naming the setting by its path.</summary>
public sealed class PublicSiteOptionsValidator : IValidateOptions<PublicSiteOptions>
{
    private const string Section = PublicSiteOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, PublicSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var urls = (options.Urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            failures.Add($"{Section}{nameof(PublicSiteOptions.Urls)} is empty: give the address to listen on, e.g. http://127.0.0.1:5081.");
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{Section}{nameof(PublicSiteOptions.Urls)} has '{url}', which is not an http(s) URL.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.OrganisationName))
        {
            failures.Add($"{Section}{nameof(PublicSiteOptions.OrganisationName)} is empty.");
        }

        if (options.MaxFailedChecks is < 1 or > 100)
        {
            failures.Add($"{Section}{nameof(PublicSiteOptions.MaxFailedChecks)} must be between 1 and 100 (it is {options.MaxFailedChecks}).");
        }

        Between(failures, nameof(PublicSiteOptions.FailedCheckWindow), options.FailedCheckWindow, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        Between(failures, nameof(PublicSiteOptions.ResultLifetime), options.ResultLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        if (options.HstsMaxAge <= TimeSpan.Zero)
        {
            failures.Add($"{Section}{nameof(PublicSiteOptions.HstsMaxAge)} must be positive.");
        }

        if (options.DefaultWorkingDays is < 1 or > 365)
        {
            failures.Add($"{Section}{nameof(PublicSiteOptions.DefaultWorkingDays)} must be between 1 and 365 (it is {options.DefaultWorkingDays}).");
        }

        foreach (var (queue, service) in options.Services ?? [])
        {
            var path = $"{Section}{nameof(PublicSiteOptions.Services)}:{queue}:";
            if (string.IsNullOrWhiteSpace(service.Name))
            {
                failures.Add($"{path}{nameof(PublicServiceOptions.Name)} is empty: give the service's name as citizens know it.");
            }

            if (service.WorkingDays is < 1 or > 365)
            {
                failures.Add($"{path}{nameof(PublicServiceOptions.WorkingDays)} must be between 1 and 365 (it is {service.WorkingDays}).");
            }
        }

        foreach (var proxy in options.KnownProxies ?? [])
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"{Section}{nameof(PublicSiteOptions.KnownProxies)} has '{proxy}', which is not an IP address.");
            }
        }

        KeyRing.Validate(options.DataProtection, Section + KeyRingOptions.SectionName, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Between(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{Section}{setting} must be between {min} and {max} (it is {value}).");
        }
    }
}
