using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// Delivers an outcome whose category routes by <paramref name="kind"/> through that category's step, and does nothing
/// for other categories. The bot has one of these per route kind, so each item records one real delivery and the
/// runner still runs every step under its own named pipeline and ledger entry. The category is read from the outcome,
/// so a reviewer's correction routes by the corrected category.
/// </summary>
public sealed class RouteStep(RouteKind kind, IReadOnlyDictionary<string, IDeliveryStep> stepsByCategory) : IDeliveryStep
{
    public string Name => $"route:{kind.ToString().ToLowerInvariant()}";

    public bool IsIdempotent => stepsByCategory.Values.All(s => s.IsIdempotent);

    public string Pipeline => stepsByCategory.Values.FirstOrDefault()?.Pipeline ?? FleetPipelines.Delivery;

    public RouteKind Kind => kind;

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var category = CategoryOf(context.Outcome.OutcomeJson);
        if (category is null || !stepsByCategory.TryGetValue(category, out var step))
        {
            return null;
        }

        var result = await step.DeliverAsync(context, cancellationToken);
        return JsonSerializer.Serialize(new { category, step = step.Name, result });
    }

    internal static string? CategoryOf(string outcomeJson)
    {
        try
        {
            using var document = JsonDocument.Parse(outcomeJson);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("category", out var value) &&
                   value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
