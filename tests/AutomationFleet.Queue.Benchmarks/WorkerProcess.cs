using System.Diagnostics;
using System.Globalization;

namespace AutomationFleet.Queue.Benchmarks;

/// <summary>
/// One worker process of a <c>--processes</c> measurement: this benchmark started again as
/// <c>worker-process …</c> (see <see cref="WorkerProcessMain"/>). The conversation is by lines: the child prints
/// <c>ready</c> once it is connected, starts on <c>go</c>, prints <c>done</c> when its work is over (a Hangfire child
/// waits for <c>stop</c> first), then <c>ran n,n,…</c>: the item numbers its no-op ran, for the parent's ledger. Its
/// standard error is passed through.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public static WorkerProcess Start(IReadOnlyList<string> arguments)
    {
        var (host, prefix) = Host();
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(["worker-process"]).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("a worker process did not start");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("[worker " + process.Id.ToString(CultureInfo.InvariantCulture) + "] " + e.Data);
            }
        };
        process.BeginErrorReadLine();
        return new WorkerProcess(process);
    }

    public Task WaitForAsync(string line, CancellationToken cancellationToken) => ReadUntilAsync(line, cancellationToken);

    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits for <c>done</c>, then reads the item numbers the child ran and waits for it to exit.</summary>
    public async Task<IReadOnlyList<int>> WaitDoneAsync(CancellationToken cancellationToken)
    {
        await ReadUntilAsync("done", cancellationToken);
        return await ReadRanAsync(cancellationToken);
    }

    /// <summary>After <c>done</c> was seen: the <c>ran</c> line, then the exit.</summary>
    public async Task<IReadOnlyList<int>> ReadRanAsync(CancellationToken cancellationToken)
    {
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException("a worker process ended without reporting what it ran");
        await _process.WaitForExitAsync(cancellationToken);
        var list = line["ran ".Length..];
        return list.Length == 0 ? [] : [.. list.Split(',').Select(n => int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture))];
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private async Task ReadUntilAsync(string expected, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _process.StandardOutput.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException($"a worker process ended (exit code {ExitCode()}) before saying '{expected}'");
            if (line == expected)
            {
                return;
            }
        }
    }

    private string ExitCode()
    {
        _process.WaitForExit(TimeSpan.FromSeconds(5));
        return _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "none yet";
    }

    // Run as `dotnet X.dll` (the benchmark, or the test host): start `dotnet` on this assembly; an apphost runs itself.
    private static (string Host, IReadOnlyList<string> Prefix) Host()
    {
        var assembly = typeof(WorkerProcess).Assembly.Location;
        var current = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(current) == Path.GetFileNameWithoutExtension(assembly))
        {
            return (current, []);
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet))
        {
            dotnet = Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        }

        return (dotnet, [assembly]);
    }
}
