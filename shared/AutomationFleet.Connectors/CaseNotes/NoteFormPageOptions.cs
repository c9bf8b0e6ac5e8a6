namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>The add-note form.</summary>
public sealed class NoteFormPageOptions
{
    /// <summary>The note text field.</summary>
    public string Text { get; set; } = "";

    /// <summary>The button that saves the note.</summary>
    public string Save { get; set; } = "";

    /// <summary>
    /// Text the confirmation pop-up (<c>confirm()</c>) shows before saving; that pop-up is accepted, any other is
    /// dismissed and stops the step. Empty: the system asks nothing, and any pop-up stops the step.
    /// </summary>
    public string ConfirmText { get; set; } = "";
}
