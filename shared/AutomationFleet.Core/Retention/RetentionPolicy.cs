namespace AutomationFleet.Core.Retention;

/// <summary>One retention policy: which queues, and how long after an item finished its documents and payload go.</summary>
public sealed class RetentionPolicy
{
    /// <summary>Unique name (letters, digits, '-', '_', '.'), written in every purge's audit row.</summary>
    public string Name { get; set; } = "";

    /// <summary>The queues whose finished items the policy covers.</summary>
    public List<string> Queues { get; init; } = [];

    /// <summary>
    /// How long after an item finished (Completed, BusinessException or Cancelled) its documents are deleted and its
    /// payload, outcome details and review evidence are redacted. At least one day. Items not finished are never touched.
    /// </summary>
    public TimeSpan RedactAfter { get; set; }
}
