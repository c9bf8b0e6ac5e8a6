using MimeKit;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Connectors.Mail;

/// <summary>Checks the SMTP settings, reporting every bad one by its configuration path.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Prefix = SmtpOptions.SectionName;
        if (!Enum.IsDefined(options.Security))
        {
            failures.Add($"{Prefix}:Security is {options.Security}; use None, StartTls or SslOnConnect.");
        }

        if (options.Port is { } port && port is < 1 or > 65535)
        {
            failures.Add($"{Prefix}:Port is {port}; a port is between 1 and 65535.");
        }

        if (options.CommandTimeout <= TimeSpan.Zero || options.CommandTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}:CommandTimeout is {options.CommandTimeout}; it must be more than 0 and at most 01:00:00.");
        }

        if (!string.IsNullOrWhiteSpace(options.Username) && string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{Prefix}:Password is empty while {Prefix}:Username is set; give both or neither.");
        }

        if (!string.IsNullOrWhiteSpace(options.From) && !MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add($"{Prefix}:From '{options.From}' is not a mail address.");
        }

        if (options.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                failures.Add($"{Prefix}:Host is empty; it is required.");
            }

            if (string.IsNullOrWhiteSpace(options.From))
            {
                failures.Add($"{Prefix}:From is empty; give the sender address, e.g. post@council.example.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
