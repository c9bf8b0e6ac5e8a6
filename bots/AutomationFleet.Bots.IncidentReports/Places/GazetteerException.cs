namespace AutomationFleet.Bots.IncidentReports.Places;

/// <summary>A gazetteer file that cannot be used; <see cref="Problems"/> names file, line and column of each.</summary>
public sealed class GazetteerException : Exception
{
    public GazetteerException(string path, IReadOnlyList<string> problems)
        : base($"The gazetteer {path} has {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
    {
        Path = path;
        Problems = problems;
    }

    public GazetteerException()
        : this("(unknown)", [])
    {
    }

    public GazetteerException(string message)
        : base(message)
    {
        Path = "(unknown)";
        Problems = [message];
    }

    public GazetteerException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "(unknown)";
        Problems = [message];
    }

    public string Path { get; } = "(unknown)";

    public IReadOnlyList<string> Problems { get; } = [];
}
