namespace AutomationFleet.Cli;

/// <summary>What the <c>fleet</c> command returns to the shell.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Something failed at run time (store unreachable, benchmark found lost items, ...).</summary>
    public const int Failure = 1;

    /// <summary>The command line or its input is wrong: unknown option, bad JSON, unknown reference or schedule.</summary>
    public const int Usage = 2;
}
