namespace AutomationFleet.Bots.FinancialAssessments.Assessments;

/// <summary>One thing wrong with an assessment document: the field (<c>income[1].weekly</c>) and what is wrong, never the value's owner.</summary>
public sealed record InputError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
