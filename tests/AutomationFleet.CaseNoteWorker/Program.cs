using AutomationFleet.CaseNoteWorker;
using AutomationFleet.Connectors.CaseNotes;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A worker process that only writes case notes, with the connector wired as a host wires it (AddCaseNotes).
//   write: one note (--CaseRecordId, --Reference, --Text), then --HoldAfterWrite before "recording" it in --RecordFile,
//          so a test can kill it with SIGKILL between the two.
//   bench: --Notes N notes on distinct people with one reused browser; prints notes per minute.
// Selectors come from config/case-management.json beside the executable; the rest from the command line.
var mode = args.Length > 0 ? args[0] : "";
var builder = Host.CreateApplicationBuilder(args[Math.Min(1, args.Length)..]);
builder.Configuration.Sources.Clear();
builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "case-management.json"), optional: false);
builder.Configuration.AddCommandLine(args[Math.Min(1, args.Length)..]);
var blobs = builder.Configuration["Blobs"] ?? Path.Combine(Path.GetTempPath(), "case-note-worker-blobs");
builder.Services.AddSingleton<IBlobStore>(new FileBlobStore(blobs));
builder.Services.AddCaseNotes(builder.Configuration);
using var host = builder.Build();
var writer = host.Services.GetRequiredService<ICaseNoteWriter>();
return mode switch
{
    "write" => await WriteMode.RunAsync(writer, builder.Configuration),
    "bench" => await BenchMode.RunAsync(writer, builder.Configuration),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: write|bench --CaseManagement:BaseUrl URL --CaseManagement:Enabled true [...]");
    return 2;
}
