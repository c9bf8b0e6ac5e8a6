namespace AutomationFleet.Bots.FinancialAssessments.Assessments;

/// <summary>The assessment document is wrong; every problem found is listed, each naming its field.</summary>
public sealed class AssessmentInputException : Exception
{
    public AssessmentInputException(IReadOnlyList<InputError> errors)
        : base(string.Join("; ", errors))
    {
        Errors = errors;
    }

    public AssessmentInputException()
        : this([])
    {
    }

    public AssessmentInputException(string message)
        : this([new InputError("document", message)])
    {
    }

    public AssessmentInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new InputError("document", message)];
    }

    public IReadOnlyList<InputError> Errors { get; }
}
