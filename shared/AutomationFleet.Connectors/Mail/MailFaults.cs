using System.Net.Sockets;
using AutomationFleet.Core.Resilience;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace AutomationFleet.Connectors.Mail;

/// <summary>
/// What the mail connector counts as a transient fault: the server or the network, not our own bug. This is all the
/// connector contributes to resilience; the pipelines (<see cref="FleetPipelines.Imap"/>,
/// <see cref="FleetPipelines.SmtpConnection"/>, <see cref="FleetPipelines.Mail"/>), their shape and their settings
/// (section <c>Resilience</c>) are the fleet's, defined in <see cref="FleetPipelines"/>.
/// </summary>
public static class MailFaults
{
    /// <summary>The pipelines this predicate is registered for by the mail registrations.</summary>
    public static IReadOnlyList<string> Pipelines { get; } = [FleetPipelines.Imap, FleetPipelines.SmtpConnection, FleetPipelines.Mail];

    /// <summary>Whether a failure is worth another attempt: a refused or dropped connection, a timeout, a protocol or login failure.</summary>
    public static bool IsTransient(Exception exception) => !IsPermanent(exception) && exception is
        IOException or SocketException or TimeoutException or
        ProtocolException or CommandException or AuthenticationException or
        ServiceNotConnectedException or ServiceNotAuthenticatedException;

    /// <summary>
    /// An SMTP 5xx reply to a command (RFC 5321 §4.2.1: "permanent negative completion"), e.g. 550 mailbox unavailable:
    /// sending again gets the same answer, so it is not retried.
    /// </summary>
    public static bool IsPermanent(Exception exception) =>
        exception is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 };
}
