using System.Text.Json;

namespace AutomationFleet.Core.Updates;

/// <summary>
/// The payload of an item on the updates queue: one update about one citizen item at one touch point. The item's
/// reference is <see cref="Reference"/>, so raising the same touch point twice (a retry, a redo, a second worker) makes
/// one update item, and the update's send step has the deterministic ledger key <c>{that reference}#send</c>.
/// </summary>
/// <param name="ItemReference">The citizen item's root reference (before any hand-off suffix <c>&gt;queue</c>).</param>
/// <param name="Queue">The queue of the item that reached the touch point.</param>
/// <param name="TouchPoint">The touch point.</param>
/// <param name="Service">The service the item was passed to, when there is one.</param>
/// <param name="NewDate">For <see cref="TouchPoint.TimescaleAtRisk"/>: the new expected date.</param>
public sealed record UpdateRequest(string ItemReference, string Queue, TouchPoint TouchPoint, string? Service = null, DateOnly? NewDate = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The update item's reference: <c>{item}#update:{touch point}</c>.</summary>
    public static string ReferenceFor(string itemReference, TouchPoint touchPoint) =>
        $"{RootOf(itemReference)}#update:{touchPoint}";

    /// <summary>The reference a chain of hand-offs started from: <c>a&gt;b&gt;c</c> gives <c>a</c>.</summary>
    public static string RootOf(string reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var cut = reference.IndexOf('>', StringComparison.Ordinal);
        return cut < 0 ? reference : reference[..cut];
    }

    /// <summary>
    /// A "running late" update's reference: <c>{item}#update:TimescaleAtRisk:{new date}</c>, so an item may be apologised to
    /// again with a later date, but never twice for the same date.
    /// </summary>
    public static string ReferenceFor(string itemReference, TouchPoint touchPoint, DateOnly newDate) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ReferenceFor(itemReference, touchPoint)}:{newDate:yyyy-MM-dd}");

    /// <summary>This update's item reference (with its new date, when it carries one).</summary>
    public string Reference => NewDate is { } date ? ReferenceFor(ItemReference, TouchPoint, date) : ReferenceFor(ItemReference, TouchPoint);

    /// <summary>The payload JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a payload; throws <see cref="JsonException"/> on one that is not an update request.</summary>
    public static UpdateRequest FromJson(string json) =>
        JsonSerializer.Deserialize<UpdateRequest>(json, Json) is { ItemReference.Length: > 0 } request
            ? request
            : throw new JsonException("The payload is not an update request (no itemReference).");
}
