using System.Diagnostics;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Tests.Hosting;

namespace AutomationFleet.Worker.Tests.Queueing;

/// <summary>
/// A worker process is killed with SIGKILL mid-batch; a second process finishes the queue. Nothing is lost,
/// nothing is completed or delivered twice, and the item whose non-idempotent step was cut off goes to a person.
/// </summary>
public sealed class CrashTests
{
    private const string Queue = "crash-test";
    private const int Items = 300;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task WorkerKilledMidBatch_SecondWorkerFinishes_NothingLostNothingDoneTwice()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        var letters = Path.Combine(fleet.Directory, "letters.log");
        for (var i = 0; i < Items; i++)
        {
            // Every 40th item holds its letter step open for a few seconds, so the kill lands mid-step.
            var hold = i % 40 == 30 ? "true" : "false";
            await fleet.Store.EnqueueAsync(
                new NewWorkItem(Queue, $"CT-{i:D4}", $"{{\"n\":{i},\"hold\":{hold}}}"), "test", CancellationToken.None);
        }

        string inFlightKey;
        using (var first = StartWorker(fleet, letters, "first"))
        {
            inFlightKey = await WaitForInFlightHeldLetterAsync(fleet, letters, first);
            first.Kill();
            await first.WaitForExitAsync();
        }

        var inFlightReference = inFlightKey.Split('#')[0];
        var completedAtKill = (await fleet.Store.ListAsync(WorkItemState.Completed, Queue, Items, CancellationToken.None)).Count;
        Assert.InRange(completedAtKill, 1, Items - 1);

        using (var second = StartWorker(fleet, letters, "second"))
        {
            try
            {
                await WaitUntilAsync(second, async () => (await CountTerminalAsync(fleet)) == Items, TimeSpan.FromSeconds(45));
            }
            finally
            {
                second.Kill();
                await second.WaitForExitAsync();
            }
        }

        // None lost: every item ended Completed or in review.
        var completed = await fleet.Store.ListAsync(WorkItemState.Completed, Queue, Items, CancellationToken.None);
        var review = await fleet.Store.ListAsync(WorkItemState.NeedsReview, Queue, Items, CancellationToken.None);
        Assert.Equal(Items, completed.Count + review.Count);

        // None completed twice, and every completed item handed off exactly one item.
        foreach (var item in completed)
        {
            var trail = await fleet.Store.GetAuditTrailAsync(item.Id, CancellationToken.None);
            Assert.Equal(1, trail.Count(e => e.To == WorkItemState.Completed));
            Assert.NotNull(await fleet.Store.FindAsync($"{item.Reference}>crash-test-out", CancellationToken.None));
        }

        // No letter written twice, and none even begun twice: a second START for a key is a second attempt.
        var lines = await File.ReadAllLinesAsync(letters);
        var done = lines.Where(l => l.StartsWith("DONE ", StringComparison.Ordinal)).ToList();
        Assert.Equal(done.Count, done.Distinct(StringComparer.Ordinal).Count());
        var started = lines.Where(l => l.StartsWith("START ", StringComparison.Ordinal)).ToList();
        Assert.Equal(started.Count, started.Distinct(StringComparer.Ordinal).Count());
        Assert.All(completed, item => Assert.Contains($"DONE {item.Reference}#letter", done));

        // The item whose letter was cut off is with a person, with the reason.
        var cutOff = await fleet.Store.FindAsync(inFlightReference, CancellationToken.None);
        Assert.Equal(WorkItemState.NeedsReview, cutOff!.State);
        var task = await fleet.Store.GetAsync(cutOff.Id, CancellationToken.None);
        Assert.Contains(task!.Request.Reasons, r => r.Contains("letter may or may not have happened (worker stopped mid-step)", StringComparison.Ordinal));
        Assert.DoesNotContain($"DONE {inFlightKey}", done);
    }

    private static async Task<string> WaitForInFlightHeldLetterAsync(FleetTestHost fleet, string letters, Process worker)
    {
        string? key = null;
        await WaitUntilAsync(worker, async () =>
        {
            if (!File.Exists(letters))
            {
                return false;
            }

            var lines = await ReadSharedAsync(letters);
            var doneCount = lines.Count(l => l.StartsWith("DONE ", StringComparison.Ordinal));
            var started = lines.Where(l => l.StartsWith("START ", StringComparison.Ordinal)).Select(l => l[6..]);
            var finished = lines.Where(l => l.StartsWith("DONE ", StringComparison.Ordinal)).Select(l => l[5..]).ToHashSet(StringComparer.Ordinal);
            foreach (var candidate in started.Where(k => !finished.Contains(k) && IsHeld(k)))
            {
                var record = await ((ISideEffectLedger)fleet.Store).FindAsync(candidate, CancellationToken.None);
                if (doneCount >= 20 && record is { Status: SideEffectStatus.Started, IsIdempotent: false })
                {
                    key = candidate;
                    return true;
                }
            }

            return false;
        }, TimeSpan.FromSeconds(30));
        return key!;
    }

    private static bool IsHeld(string key) => int.Parse(key[3..7], System.Globalization.CultureInfo.InvariantCulture) % 40 == 30;

    private static async Task<string[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<int> CountTerminalAsync(FleetTestHost fleet)
    {
        var depth = await fleet.Store.GetDepthAsync(CancellationToken.None);
        return depth.Where(d => d.Queue == Queue && d.State is WorkItemState.Completed or WorkItemState.NeedsReview).Sum(d => d.Count);
    }

    private static Process StartWorker(FleetTestHost fleet, string letters, string name)
    {
        var dll = Path.Combine(CrashWorkerDirectory(), "AutomationFleet.CrashTestWorker.dll");
        Assert.True(File.Exists(dll), $"Crash-test worker not built at {dll}.");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = fleet.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     dll, "--config", fleet.ConfigDirectory,
                     "--Store:Path", fleet.DatabasePath,
                     "--Worker:WorkerId", name,
                     "--Worker:LeaseDuration", "00:00:02",
                     "--Worker:HeartbeatInterval", "00:00:01",
                     "--Worker:LogDirectory", Path.Combine(fleet.Directory, "logs", name),
                     "--Queues:crash-test:Concurrency", "4",
                     "--Queues:crash-test:BatchSize", "5",
                     "--Queues:crash-test:PollInterval", "00:00:00.05",
                     "--CrashTest:Log", letters,
                     "--CrashTest:Hold", "00:00:04",
                     "--Serilog:MinimumLevel:Default", "Warning",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static string CrashWorkerDirectory()
    {
        // tests/AutomationFleet.Worker.Tests/bin/{Configuration}/net10.0/ -> tests/AutomationFleet.CrashTestWorker/bin/...
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = own.Name;
        var configuration = own.Parent!.Name;
        var tests = own.Parent.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(tests, "AutomationFleet.CrashTestWorker", "bin", configuration, framework);
    }

    private static async Task WaitUntilAsync(Process worker, Func<Task<bool>> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.False(worker.HasExited, $"Worker process exited early with code {(worker.HasExited ? worker.ExitCode : 0)}.");
            Assert.True(stopwatch.Elapsed < timeout, $"Timed out after {timeout}.");
            await Task.Delay(50);
        }
    }
}
