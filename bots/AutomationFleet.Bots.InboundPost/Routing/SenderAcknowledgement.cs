using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// The step that acknowledges the sender of post that came by e-mail, run after the route steps; none (null) unless
/// <see cref="InboundPostOptions.AcknowledgeSenders"/> is true and SMTP is enabled. Chosen once, at registration.
/// </summary>
public sealed record SenderAcknowledgement(IDeliveryStep? Step)
{
    public static SenderAcknowledgement None { get; } = new(Step: null);
}
