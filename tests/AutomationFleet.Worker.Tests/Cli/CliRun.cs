namespace AutomationFleet.Worker.Tests.Cli;

/// <summary>What one in-process run of the CLI returned and printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error);
