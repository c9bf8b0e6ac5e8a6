using System.Diagnostics;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Connectors.Tests.Mail;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Tests.Hosting;
using MimeKit;

namespace AutomationFleet.Worker.Tests.Queueing;

/// <summary>
/// Updates under a real kill: a worker process sends updates to aiosmtpd on loopback and is killed with SIGKILL right
/// after one has left and before the ledger records it; a second process finishes. aiosmtpd receives exactly one
/// message per update (touch point), never two, and the update that was cut off is with a person rather than lost or resent.
/// </summary>
[Collection(MailServersCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UpdateCrashTests(MailServersFixture servers)
{
    private const string Queue = "crash-test";
    private const int Items = 4;

    [Fact]
    public async Task WorkerKilledBetweenSendingAnUpdateAndRecordingIt_SecondWorkerFinishes_ExactlyOneMessagePerTouchPoint()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        File.Copy(RepositoryFiles.Path("config", "updates.json"), Path.Combine(fleet.ConfigDirectory, "updates.json"));
        var letters = Path.Combine(fleet.Directory, "letters.log");
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < Items; i++)
        {
            await fleet.Store.EnqueueAsync(
                new NewWorkItem(Queue, $"UC-{run}-{i}", $$"""{"n":{{i}},"hold":false,"email":"c{{i}}.{{run}}@example.org"}"""), "test", CancellationToken.None);
        }

        using (var first = StartWorker(fleet, letters, "first", killAfterUpdateSend: 3))
        {
            await first.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(3, (await MailsAsync(run)).Count);

        using (var second = StartWorker(fleet, letters, "second", killAfterUpdateSend: 0))
        {
            try
            {
                await WaitUntilAsync(second, async () => await SettledAsync(fleet), TimeSpan.FromSeconds(60));
            }
            finally
            {
                second.Kill();
                await second.WaitForExitAsync();
            }
        }

        var mails = await MailsAsync(run);
        var byKey = mails.GroupBy(m => m.Headers[SmtpMailSender.ReferenceHeader]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(byKey, pair => Assert.Equal(1, pair.Value));
        var sent = await fleet.Store.ListAsync(WorkItemState.Completed, "updates", 100, CancellationToken.None);
        var withPerson = Assert.Single(await fleet.Store.ListAsync(WorkItemState.NeedsReview, "updates", 100, CancellationToken.None));
        var task = await fleet.Store.GetAsync(withPerson.Id, CancellationToken.None);
        Assert.Contains(task!.Request.Reasons, r => r.Contains("send-update may or may not have happened", StringComparison.Ordinal));
        // The cut-off update did leave, once, before the kill: nothing lost, nothing twice.
        Assert.Equal(1, byKey.GetValueOrDefault($"{withPerson.Reference}#send-update"));
        Assert.All(sent, u => Assert.Equal(1, byKey.GetValueOrDefault($"{u.Reference}#send-update")));
        Assert.Equal(sent.Count + 1, mails.Count);
        // Each citizen item's touch points (Received, Done) became one update each, whichever worker raised them.
        var finished = await fleet.Store.ListAsync(WorkItemState.Completed, Queue, 100, CancellationToken.None);
        Assert.All(finished, item => Assert.Equal(
            2, sent.Concat([withPerson]).Count(u => u.Reference.StartsWith(item.Reference + "#update:", StringComparison.Ordinal))));
    }

    private async Task<List<MimeMessage>> MailsAsync(string run)
    {
        var mails = new List<MimeMessage>();
        foreach (var file in servers.ReceivedMessageFiles())
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address.EndsWith($".{run}@example.org", StringComparison.Ordinal)))
            {
                mails.Add(message);
            }
        }

        return mails;
    }

    // Every citizen item finished (or with a person), and every update raised for them sent or with a person.
    private static async Task<bool> SettledAsync(FleetTestHost fleet)
    {
        var depth = await fleet.Store.GetDepthAsync(CancellationToken.None);
        bool Open(string queue) => depth.Any(d => d.Queue == queue && d.State is WorkItemState.New or WorkItemState.InProgress or WorkItemState.Retrying && d.Count > 0);
        return !Open(Queue) && !Open("updates")
            && depth.Where(d => d.Queue == Queue && d.State is WorkItemState.Completed or WorkItemState.NeedsReview).Sum(d => d.Count) == Items;
    }

    private Process StartWorker(FleetTestHost fleet, string letters, string name, int killAfterUpdateSend)
    {
        var dll = Path.Combine(CrashTests.CrashWorkerDirectory(), "AutomationFleet.CrashTestWorker.dll");
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
                     "--Queues:crash-test:PollInterval", "00:00:00.05",
                     "--Queues:updates:PollInterval", "00:00:00.05",
                     "--CrashTest:Log", letters,
                     "--CrashTest:KillAfterUpdateSend", killAfterUpdateSend.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--Updates:Enabled", "true",
                     "--Updates:OptOutKey", Convert.ToBase64String(new byte[32]),
                     "--Updates:Queues:crash-test:TouchPoints:0", "Received",
                     "--Updates:Queues:crash-test:TouchPoints:1", "Done",
                     "--Mail:Smtp:Enabled", "true",
                     "--Mail:Smtp:Host", "127.0.0.1",
                     "--Mail:Smtp:Port", servers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--Mail:Smtp:Security", "None",
                     "--Mail:Smtp:From", "updates@council.example",
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
