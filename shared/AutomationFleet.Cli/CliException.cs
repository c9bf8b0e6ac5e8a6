namespace AutomationFleet.Cli;

/// <summary>An expected error: printed to stderr as one clear message, no stack trace, with its exit code.</summary>
public sealed class CliException : Exception
{
    /// <summary>An expected error with its exit code (bad usage or input by default).</summary>
    public CliException(string message, int exitCode = ExitCodes.Usage)
        : base(message) => ExitCode = exitCode;

    /// <summary>A run-time failure with no more to say.</summary>
    public CliException()
        : this("The command failed.", ExitCodes.Failure)
    {
    }

    /// <summary>A run-time failure caused by <paramref name="innerException"/>.</summary>
    public CliException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Failure;

    /// <summary>What the process returns (<see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; }
}
