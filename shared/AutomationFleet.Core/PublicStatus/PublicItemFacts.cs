namespace AutomationFleet.Core.PublicStatus;

/// <summary>
/// What an item's bot can tell the public status page about it, read from the item's payload and outcome by the bot's
/// <see cref="IPublicStatusReader"/>. The check values are personal data: compare them (<see cref="StatusCheck"/>), never
/// show or log them.
/// </summary>
/// <param name="Postcodes">Postcodes the sender gave, as given.</param>
/// <param name="DatesOfBirth">Dates of birth the sender gave.</param>
/// <param name="Service">The service the bot routed the item to, in words a citizen knows (e.g. <c>Highways</c>), if it chose one.</param>
/// <param name="WhereToGo">
/// For post that is another organisation's: where to go instead, in the words the sender was sent (the bot's redirect
/// wording, <c>config/not-ours.json</c>), with no personal data.
/// </param>
public sealed record PublicItemFacts(
    IReadOnlyList<string> Postcodes,
    IReadOnlyList<DateOnly> DatesOfBirth,
    string? Service = null,
    string? WhereToGo = null)
{
    /// <summary>No checks: no look-up can match the item.</summary>
    public static PublicItemFacts None { get; } = new([], []);
}
