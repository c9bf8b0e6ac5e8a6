using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Bots.InboundPost.Retraining;

/// <summary>
/// Puts a promoted candidate in place of the live model (copied to a temporary file beside it, then renamed over it)
/// and reloads the in-process classifier. Idempotent: if the live file already is the candidate (same SHA-256) it only
/// reloads. Does nothing for a "keep" proposal.
/// </summary>
public sealed class PromoteModelStep(ClassifierModel model) : IDeliveryStep
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public string Name => "promote-model";

    public bool IsIdempotent => true;

    public string Pipeline => FleetPipelines.Delivery;

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var proposal = JsonSerializer.Deserialize<RetrainProposal>(context.Outcome.OutcomeJson, JsonOptions)
            ?? throw new InvalidDataException("The retraining outcome is empty.");
        if (!proposal.Promote || proposal.CandidatePath is null || proposal.CandidateSha256 is null)
        {
            return JsonSerializer.Serialize(new { promoted = false, proposal.Reason }, JsonOptions);
        }

        var live = model.Path;
        var alreadyLive = File.Exists(live) &&
                          RetrainClassifierBot.Hash(await File.ReadAllBytesAsync(live, cancellationToken)) == proposal.CandidateSha256;
        if (!alreadyLive)
        {
            if (!File.Exists(proposal.CandidatePath))
            {
                throw new FileNotFoundException("The candidate model to promote is missing; retrain again.", proposal.CandidatePath);
            }

            var temporary = live + $".{Guid.NewGuid():N}.tmp";
            try
            {
                File.Copy(proposal.CandidatePath, temporary);
                File.Move(temporary, live, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        model.Reload();
        return JsonSerializer.Serialize(new { promoted = true, alreadyLive, sha256 = proposal.CandidateSha256 }, JsonOptions);
    }
}
