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

    /// <summary>
    /// Another organisation's post: the sender is told where to go (<see cref="TaxonomyRoute.Redirects"/>), by e-mail when
    /// it came by e-mail and SMTP is on, otherwise as a letter in a drop folder under <see cref="InboundPostOptions.DropFolder"/>.
    /// </summary>
    Redirect,
}
