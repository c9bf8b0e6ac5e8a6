using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.PublicStatus;

/// <summary>
/// A bot's knowledge of its own items for the public status page: which postcode or date of birth the sender gave (the
/// check a citizen must repeat), the service it went to, and which of its delivery steps send the citizen an answer.
/// Each bot registers one for its queue from its own <c>Add…()</c>; the public site holds no per-bot code.
/// </summary>
public interface IPublicStatusReader
{
    /// <summary>The queue whose items this reads.</summary>
    string Queue { get; }

    /// <summary>Whether the delivery step of this name sends the citizen a letter or e-mail with the outcome.</summary>
    bool IsAnswerStep(string step);

    /// <summary>The facts of one item; <see cref="PublicItemFacts.None"/> when its payload cannot be read (it never throws).</summary>
    PublicItemFacts Read(WorkItem item);
}
