using System.Diagnostics;
using System.Text;

namespace AutomationFleet.Connectors.Tests.CaseNotes;

/// <summary>
/// A worker process (tests/AutomationFleet.CaseNoteWorker) writes a note and is killed with SIGKILL the moment the
/// note is in the system, before it records it; a second worker with the same reference must find it and write nothing.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChromiumCollection.Name)]
public sealed class CaseNoteCrashTests(CaseManagementFixture fixture) : IClassFixture<CaseManagementFixture>
{
    [Fact]
    public async Task WriteAsync_WorkerKilledAfterWritingBeforeRecording_RedoWritesNothing()
    {
        var reference = DeliveryContexts.NewReference() + "#case-note";
        var record = Path.Combine(Path.GetTempPath(), $"case-note-record-{Guid.NewGuid():N}");

        using (var first = Start(reference, record, hold: "00:05:00"))
        {
            var clock = Stopwatch.StartNew();
            while (fixture.NotesWithReference(reference) == 0)
            {
                Assert.False(first.Process.HasExited, $"The first worker ended before writing: {first.Output}");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"No note after 90 s: {first.Output}");
                await Task.Delay(25);
            }

            // Process.Kill is SIGKILL on Linux; the tree takes the worker's Chromium with it.
            first.Process.Kill(entireProcessTree: true);
            await first.Process.WaitForExitAsync();
        }

        Assert.False(File.Exists(record), "The killed worker recorded the note; the kill came too late to test anything.");

        using var second = Start(reference, record, hold: "00:00:00");
        await second.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(second.Process.ExitCode == 0, second.Output);
        Assert.Contains("status=AlreadyThere", second.Output, StringComparison.Ordinal);
        Assert.Equal("AlreadyThere", await File.ReadAllTextAsync(record));
        Assert.Equal(1, fixture.NotesWithReference(reference));
        File.Delete(record);
    }

    private Worker Start(string reference, string record, string hold)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(WorkerDirectory(), "AutomationFleet.CaseNoteWorker.dll"), "write",
                     "--CaseManagement:Enabled", "true",
                     "--CaseManagement:BaseUrl", fixture.BaseUrl,
                     "--CaseManagement:UsernameFile", fixture.UsernameFile,
                     "--CaseManagement:PasswordFile", fixture.PasswordFile,
                     "--CaseRecordId", "CR100030",
                     "--Reference", reference,
                     "--Text", "Contact form received; the caller asks for a review of their care package.",
                     "--HoldAfterWrite", hold,
                     "--RecordFile", record,
                     "--Blobs", Path.Combine(Path.GetTempPath(), "case-note-crash-blobs"),
                 })
        {
            info.ArgumentList.Add(arg);
        }

        var worker = new Worker(Process.Start(info)!);
        worker.Process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker.Process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker.Process.BeginOutputReadLine();
        worker.Process.BeginErrorReadLine();
        return worker;
    }

    private static string WorkerDirectory()
    {
        // tests/AutomationFleet.Connectors.Tests/bin/{Configuration}/net10.0/ -> tests/AutomationFleet.CaseNoteWorker/bin/...
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tests = own.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(tests, "AutomationFleet.CaseNoteWorker", "bin", own.Parent.Name, own.Name);
    }

    private sealed class Worker(Process process) : IDisposable
    {
        private readonly StringBuilder _output = new();

        public Process Process { get; } = process;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Append(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }
}
