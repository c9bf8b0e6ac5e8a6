using System.Globalization;
using AutomationFleet.Queue.Benchmarks.FleetSide;
using AutomationFleet.Queue.Benchmarks.HangfireSide;
using AutomationFleet.Storage.Postgres;
using Hangfire;

namespace AutomationFleet.Queue.Benchmarks;

/// <summary>
/// The child side of <see cref="WorkerProcess"/>: <c>worker-process --system fleet|hangfire --connection CS
/// --worker-id ID --items N [--batch-size 64] [--hangfire-poll-ms 1]</c>. A fleet child opens the store and leases and
/// completes from the shared queue until a lease finds nothing; a Hangfire child runs a <c>BackgroundJobServer</c> with one
/// worker until told to stop.
/// </summary>
public static class WorkerProcessMain
{
    public static async Task<int> RunAsync(Func<string, string?> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var connection = option("--connection") ?? throw new FormatException("worker-process needs --connection");
        var workerId = option("--worker-id") ?? "peer-bench-process";
        var items = int.Parse(option("--items") ?? throw new FormatException("worker-process needs --items"), CultureInfo.InvariantCulture);
        var ran = new List<int>();
        switch (option("--system"))
        {
            case "fleet":
            {
                var batchSize = int.Parse(option("--batch-size") ?? "64", CultureInfo.InvariantCulture);
                await using var store = new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = connection }, TimeProvider.System);
                await store.InitializeAsync(CancellationToken.None);
                await FleetWorkload.WarmUpAsync(store, workerId, CancellationToken.None);
                Say("ready");
                Expect("go");
                await FleetWorkload.ConsumeUntilEmptyAsync(store, workerId, batchSize, ran, CancellationToken.None);
                Say("done");
                break;
            }

            case "hangfire":
            {
                HangfireWorkload.EnsureConfigured();
                var poll = TimeSpan.FromMilliseconds(int.Parse(option("--hangfire-poll-ms") ?? "1", CultureInfo.InvariantCulture));
                var storage = PostgresHangfireStorageProvider.Open(connection, poll, prepareSchema: false);
                var ledger = new ExecutionLedger(items);
                NoOpJob.Current = ledger;
                Say("ready");
                Expect("go");
                using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 1, ServerName = workerId }, storage))
                {
                    Expect("stop");
                }

                ran.AddRange(ledger.Ran());
                Say("done");
                break;
            }

            default:
                throw new FormatException("worker-process needs --system fleet or --system hangfire");
        }

        Say("ran " + string.Join(',', ran.Select(n => n.ToString(CultureInfo.InvariantCulture))));
        return 0;
    }

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    private static void Expect(string expected)
    {
        string? line;
        while ((line = Console.In.ReadLine()) != expected)
        {
            if (line is null)
            {
                throw new InvalidOperationException($"the parent closed the pipe before '{expected}'");
            }
        }
    }
}
