using AutomationFleet.Bots.ContactForms.Forms;

namespace AutomationFleet.Bots.ContactForms;

/// <summary>Finds the case records a form's person may be, best first, each explained.</summary>
public interface IPersonFinder
{
    /// <summary>The probability below which a record is not a plausible candidate at all.</summary>
    double ReviewThreshold { get; }

    /// <summary>At most <paramref name="max"/> candidates, best first; empty when no record shares a blocking key.</summary>
    IReadOnlyList<EvidenceCandidate> Find(FormPerson person, int max);
}
