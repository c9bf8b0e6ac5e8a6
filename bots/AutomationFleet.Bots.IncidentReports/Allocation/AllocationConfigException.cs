namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>An allocation file that cannot be used; <see cref="Problems"/> lists every problem, each as "path: what is wrong".</summary>
public sealed class AllocationConfigException : Exception
{
    public AllocationConfigException(string source, IReadOnlyList<string> problems)
        : base($"{source} has {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
    {
        Path = source;
        Problems = problems;
    }

    public AllocationConfigException()
        : this("(unknown)", [])
    {
    }

    public AllocationConfigException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public AllocationConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public string Path { get; } = "(unknown)";

    public IReadOnlyList<string> Problems { get; } = [];
}
