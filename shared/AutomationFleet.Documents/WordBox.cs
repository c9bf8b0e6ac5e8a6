namespace AutomationFleet.Documents;

/// <summary>A rectangle on a page, origin at the top-left corner, y growing downwards.</summary>
/// <param name="Left">Left edge.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Right">Right edge.</param>
/// <param name="Bottom">Bottom edge.</param>
public readonly record struct WordBox(double Left, double Top, double Right, double Bottom);
