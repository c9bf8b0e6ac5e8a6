namespace AutomationFleet.Bots.InboundPost.Taxonomy;

/// <summary>Where a category's post goes.</summary>
public enum RouteKind
{
    /// <summary>Another bot's work queue.</summary>
    Queue,

    /// <summary>A service mailbox.</summary>
    Email,

    /// <summary>A drop folder under <see cref="InboundPostOptions.DropFolder"/>.</summary>
    Folder,
}
