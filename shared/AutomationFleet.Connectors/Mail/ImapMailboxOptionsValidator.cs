using Microsoft.Extensions.Options;

namespace AutomationFleet.Connectors.Mail;

/// <summary>Checks the IMAP settings, reporting every bad one by its configuration path.</summary>
public sealed class ImapMailboxOptionsValidator : IValidateOptions<ImapMailboxOptions>
{
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ImapMailboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Prefix = ImapMailboxOptions.SectionName;
        if (!Enum.IsDefined(options.Security))
        {
            failures.Add($"{Prefix}:Security is {options.Security}; use None, StartTls or SslOnConnect.");
        }

        if (options.Port is { } port && port is < 1 or > 65535)
        {
            failures.Add($"{Prefix}:Port is {port}; a port is between 1 and 65535.");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > MaxPollInterval)
        {
            failures.Add($"{Prefix}:PollInterval is {options.PollInterval}; it must be more than 0 and at most {MaxPollInterval}.");
        }

        if (options.CommandTimeout <= TimeSpan.Zero || options.CommandTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}:CommandTimeout is {options.CommandTimeout}; it must be more than 0 and at most 01:00:00.");
        }

        if (options.MaxMessageBytes <= 0)
        {
            failures.Add($"{Prefix}:MaxMessageBytes is {options.MaxMessageBytes}; it must be more than 0.");
        }

        Required(failures, $"{Prefix}:Mailbox", options.Mailbox);
        Required(failures, $"{Prefix}:ProcessedFolder", options.ProcessedFolder);
        Required(failures, $"{Prefix}:QuarantineFolder", options.QuarantineFolder);
        Required(failures, $"{Prefix}:Queue", options.Queue);
        foreach (var (path, folder) in new[]
                 {
                     ($"{Prefix}:ProcessedFolder", options.ProcessedFolder),
                     ($"{Prefix}:QuarantineFolder", options.QuarantineFolder),
                 })
        {
            if (string.Equals(folder, options.Mailbox, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{path} is the watched mailbox '{options.Mailbox}'; it must be another folder, or messages would be read again.");
            }
        }

        if (options.Enabled)
        {
            Required(failures, $"{Prefix}:Host", options.Host);
            Required(failures, $"{Prefix}:Username", options.Username);
            Required(failures, $"{Prefix}:Password", options.Password);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Required(List<string> failures, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{path} is empty; it is required.");
        }
    }
}
