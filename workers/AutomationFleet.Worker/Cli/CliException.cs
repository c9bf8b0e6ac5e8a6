namespace AutomationFleet.Worker.Cli;

/// <summary>An expected error: printed to stderr as one clear message, no stack trace, with its exit code.</summary>
public sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.Usage)
        : base(message) => ExitCode = exitCode;

    public CliException()
        : this("The command failed.", ExitCodes.Failure)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Failure;

    public int ExitCode { get; }
}
