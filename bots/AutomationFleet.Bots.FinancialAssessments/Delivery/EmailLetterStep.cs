using System.Text.Json;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;
using MimeKit;

namespace AutomationFleet.Bots.FinancialAssessments.Delivery;

/// <summary>
/// E-mails the outcome letter of a case that goes by e-mail (<see cref="DeliveryMethod.Email"/>) to the person or their
/// representative, with a copy to the social worker, through the mail connector's <see cref="SmtpMailSender"/>; a
/// case that goes by post is skipped. The subject quotes the assessment's reference; the PDF is attached; replies go
/// to the team the letter names (<paramref name="replyTo"/>), not to the fleet's sending address.
/// </summary>
/// <remarks>
/// Once only, as inbound post's mail steps: the message's Message-ID is derived from the step's idempotency key, and
/// the step is not idempotent, so a worker that dies between the server taking the message and the ledger recording
/// it leaves the step Started and the runner hands the item to a person instead of sending again. A reviewer who
/// approves it after checking the mailbox gets the same Message-ID, which mail clients show as the same message.
/// </remarks>
public sealed class EmailLetterStep(Func<DeliveryContext, DecidedLetter> letter, SmtpMailSender? sender, MailboxAddress replyTo) : IDeliveryStep
{
    public const string StepName = "email-letter";

    public string Name => StepName;

    /// <summary>False: a mail cannot be unsent, so a step cut off mid-send goes to a person rather than being repeated.</summary>
    public bool IsIdempotent => false;

    /// <summary>The mail connector's pipeline: transient faults (<see cref="MailFaults.IsTransient"/>) are retried; a 5xx reply is permanent.</summary>
    public string Pipeline => FleetPipelines.Mail;

    public static string SubjectFor(string reference) => $"Your financial assessment: what you will pay for your care (reference {reference})";

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decided = letter(context);
        if (decided.Delivery is not { Method: DeliveryMethod.Email, Email: { } to })
        {
            return JsonSerializer.Serialize(new { skipped = "the letter goes by post (delivery.method)" });
        }

        if (sender is not { Enabled: true })
        {
            // Waiting will not change the settings: a person sets up mail, or changes the case to post, and approves again.
            throw new PermanentDeliveryException(
                $"The case asks for the letter by e-mail, but mail is not set up ({SmtpOptions.SectionName}:Enabled is not true). "
                + "Set up mail, or change delivery.method to \"post\".");
        }

        var message = new MimeMessage { Subject = SubjectFor(decided.Reference) };
        message.To.Add(new MailboxAddress(decided.Addressee?.Name ?? "", to));
        if (decided.Delivery.CopyTo is { } copy)
        {
            message.Cc.Add(new MailboxAddress("", copy));
        }

        message.ReplyTo.Add(replyTo);

        var greeting = decided.Addressee is { } addressee ? $"Dear {addressee.Name}," : "Dear Sir or Madam,";
        var body = new BodyBuilder
        {
            TextBody = $"""
                {greeting}

                Your financial assessment letter is attached as a PDF. It tells you how much you will pay each week
                towards your care, how we worked it out, how to pay, and how to ask for a review if you think it is wrong.

                Please quote reference {decided.Reference} if you contact us about it.
                """,
        };
        body.Attachments.Add(PrintLetterStep.FileNameFor(decided.Reference), decided.Pdf, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        var sent = await sender.SendAsync(message, context.IdempotencyKey, cancellationToken);

        // No address in the ledger either: it is read by `fleet items` and the admin console.
        return JsonSerializer.Serialize(new
        {
            messageId = sent.MessageId,
            copiedToSocialWorker = decided.Delivery.CopyTo is not null,
            weeklyCharge = decided.WeeklyCharge,
            largePrint = decided.LargePrint,
        });
    }
}
