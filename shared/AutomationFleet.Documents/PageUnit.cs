namespace AutomationFleet.Documents;

/// <summary>The unit of a page's size and word boxes.</summary>
public enum PageUnit
{
    /// <summary>PDF points, 1/72 inch.</summary>
    Points,

    /// <summary>Pixels of the image that was OCR'd.</summary>
    Pixels,
}
