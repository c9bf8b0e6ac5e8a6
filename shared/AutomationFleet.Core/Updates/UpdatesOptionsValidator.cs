using Microsoft.Extensions.Options;

namespace AutomationFleet.Core.Updates;

/// <summary>Reports every bad <c>Updates</c> setting at once, each by its path (e.g. <c>Updates:Wording:Done:Body</c>).</summary>
public sealed class UpdatesOptionsValidator : IValidateOptions<UpdatesOptions>
{
    private const string P = UpdatesOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, UpdatesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Queue))
        {
            failures.Add($"{P}:Queue must name the queue update items go to.");
        }

        if (options.DailyCap is < 1 or > 100)
        {
            failures.Add($"{P}:DailyCap must be between 1 and 100 (it is {options.DailyCap}).");
        }

        if (options.Channel is not (UpdatesOptions.EmailChannel or UpdatesOptions.NotifyChannel))
        {
            failures.Add($"{P}:Channel must be {UpdatesOptions.EmailChannel} or {UpdatesOptions.NotifyChannel} (it is '{options.Channel}').");
        }

        if (options.AtRiskWorkingDays is < 0 or > 30)
        {
            failures.Add($"{P}:AtRiskWorkingDays must be between 0 and 30 (it is {options.AtRiskWorkingDays}).");
        }

        if (options.NewDateWorkingDays is < 1 or > 60)
        {
            failures.Add($"{P}:NewDateWorkingDays must be between 1 and 60 (it is {options.NewDateWorkingDays}).");
        }

        if (string.IsNullOrWhiteSpace(options.OutboxFolder))
        {
            failures.Add($"{P}:OutboxFolder must name the folder updates are written to while Mail:Smtp is off.");
        }

        foreach (var (queue, configured) in options.Queues)
        {
            if (string.Equals(queue, options.Queue, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{P}:Queues:{queue} is the updates queue itself; updates are not sent about updates.");
            }

            if (configured.TouchPoints.Count == 0)
            {
                failures.Add($"{P}:Queues:{queue}:TouchPoints must list at least one touch point.");
            }
        }

        if (options.Enabled)
        {
            ValidateEnabled(options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateEnabled(UpdatesOptions options, List<string> failures)
    {
        if (!Uri.TryCreate(options.OptOutUrl, UriKind.Absolute, out var optOut) || optOut.Scheme is not ("https" or "http"))
        {
            failures.Add($"{P}:OptOutUrl must be the absolute http(s) address of the public opt-out page (it is '{options.OptOutUrl}').");
        }

        if (!HasKey(options.OptOutKey))
        {
            failures.Add($"{P}:OptOutKey must be at least 32 random bytes in base64, set from the environment (FLEET_Updates__OptOutKey).");
        }

        var used = options.Queues.Values.SelectMany(q => q.TouchPoints).Distinct().Order().ToList();
        foreach (var touchPoint in used)
        {
            if (options.Channel == UpdatesOptions.NotifyChannel)
            {
                if (!options.Notify.Templates.TryGetValue(touchPoint, out var template) || !Guid.TryParse(template, out _))
                {
                    failures.Add($"{P}:Notify:Templates:{touchPoint} must be the id (a GUID) of the Notify template for {touchPoint}.");
                }

                continue;
            }

            if (!options.Wording.TryGetValue(touchPoint, out var wording))
            {
                failures.Add($"{P}:Wording:{touchPoint} is missing: a queue sends {touchPoint} updates.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(wording.Subject))
            {
                failures.Add($"{P}:Wording:{touchPoint}:Subject must not be empty.");
            }

            if (!wording.Body.Contains("{OptOutUrl}", StringComparison.Ordinal))
            {
                failures.Add($"{P}:Wording:{touchPoint}:Body must contain {{OptOutUrl}}: every update says how to stop them.");
            }
        }

        if (options.Channel == UpdatesOptions.NotifyChannel)
        {
            if (!Uri.TryCreate(options.Notify.BaseUrl, UriKind.Absolute, out _))
            {
                failures.Add($"{P}:Notify:BaseUrl must be an absolute address (it is '{options.Notify.BaseUrl}').");
            }

            if (!NotifyApiKey.TryParse(options.Notify.ApiKey, out _))
            {
                failures.Add($"{P}:Notify:ApiKey must be a Notify API key ({{name}}-{{service id}}-{{secret}}), set from the environment (FLEET_Updates__Notify__ApiKey).");
            }
        }
    }

    private static bool HasKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }
}
