using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Quartz;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>Checks the whole <c>Scheduling</c> section and reports every bad setting by its configuration path.</summary>
public sealed partial class SchedulingOptionsValidator(TimeProvider timeProvider) : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string section = SchedulingOptions.SectionName;

        TimeZoneInfo? timeZone = null;
        if (string.IsNullOrWhiteSpace(options.TimeZone))
        {
            failures.Add($"{section}:TimeZone is empty; give a time zone id such as Europe/London.");
        }
        else
        {
            try
            {
                timeZone = options.ResolveTimeZone();
            }
            catch (TimeZoneNotFoundException)
            {
                failures.Add($"{section}:TimeZone '{options.TimeZone}' is not a time zone this machine knows.");
            }
            catch (InvalidTimeZoneException ex)
            {
                failures.Add($"{section}:TimeZone '{options.TimeZone}' is invalid on this machine: {ex.Message}");
            }
        }

        if (options.MisfireThreshold <= TimeSpan.Zero)
        {
            failures.Add($"{section}:MisfireThreshold is {options.MisfireThreshold}; it must be positive.");
        }

        if (options.ClusterCheckinInterval <= TimeSpan.Zero)
        {
            failures.Add($"{section}:ClusterCheckinInterval is {options.ClusterCheckinInterval}; it must be positive.");
        }

        for (var i = 0; i < options.ExtraBankHolidays.Count; i++)
        {
            var value = options.ExtraBankHolidays[i];
            if (!DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                failures.Add($"{section}:ExtraBankHolidays:{i} is '{value}'; write a date as yyyy-MM-dd.");
            }
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Schedules.Count; i++)
        {
            ValidateSchedule(failures, $"{section}:Schedules:{i}", options.Schedules[i], timeZone);
            var scheduleName = options.Schedules[i].Name;
            if (!string.IsNullOrWhiteSpace(scheduleName))
            {
                if (seen.TryGetValue(scheduleName, out var first))
                {
                    failures.Add($"{section}:Schedules:{i}:Name '{scheduleName}' is already used by {section}:Schedules:{first}; names must be unique.");
                }
                else
                {
                    seen[scheduleName] = i;
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateSchedule(List<string> failures, string path, ScheduleOptions schedule, TimeZoneInfo? timeZone)
    {
        if (string.IsNullOrWhiteSpace(schedule.Name))
        {
            failures.Add($"{path}:Name is empty; every schedule needs a unique name.");
        }
        else if (!NamePattern().IsMatch(schedule.Name))
        {
            failures.Add($"{path}:Name '{schedule.Name}' may hold only letters, digits, '-', '_' and '.' (it is part of item references).");
        }

        if (string.IsNullOrWhiteSpace(schedule.Queue))
        {
            failures.Add($"{path}:Queue is empty; say which queue the work goes to.");
        }

        if (string.IsNullOrWhiteSpace(schedule.Cron))
        {
            failures.Add($"{path}:Cron is empty; give a Quartz cron expression such as '0 30 2 ? * *'.");
        }
        else
        {
            try
            {
                var cron = new CronExpression(schedule.Cron, timeZone ?? TimeZoneInfo.Utc);
                if (cron.GetNextValidTimeAfter(timeProvider.GetUtcNow()) is null)
                {
                    failures.Add($"{path}:Cron '{schedule.Cron}' never fires again.");
                }
            }
            catch (FormatException ex)
            {
                failures.Add($"{path}:Cron '{schedule.Cron}' is not a valid Quartz cron expression: {ex.Message}");
            }
        }

        if (!MisfirePolicies.All.Contains(schedule.Misfire, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{path}:Misfire '{schedule.Misfire}' is not a misfire policy; use {string.Join(" or ", MisfirePolicies.All)}.");
        }

        if (schedule.EnabledWith is { } enabledWith && string.IsNullOrWhiteSpace(enabledWith))
        {
            failures.Add($"{path}:EnabledWith is blank; name the setting that turns the schedule on (e.g. Updates:Enabled), or leave it out.");
        }

        if (schedule.DueWithin is { } due && due <= TimeSpan.Zero)
        {
            failures.Add($"{path}:DueWithin is {due}; it must be positive (or left out).");
        }

        if (!string.IsNullOrWhiteSpace(schedule.Payload))
        {
            try
            {
                using var document = JsonDocument.Parse(schedule.Payload);
            }
            catch (JsonException ex)
            {
                failures.Add($"{path}:Payload is not valid JSON: {ex.Message}");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
