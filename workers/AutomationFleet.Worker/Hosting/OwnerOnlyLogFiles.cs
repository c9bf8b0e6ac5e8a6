using System.Text;
using AutomationFleet.Core.Files;
using Serilog.Sinks.File;

namespace AutomationFleet.Worker.Hosting;

// Serilog's file sink creates each day's file with the process umask (0644 under the usual 022); logs hold item
// references and stack traces, which are the fleet's business only, so each file is narrowed to 0600 as it is opened.
internal sealed class OwnerOnlyLogFiles : FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        OwnerOnly.NarrowFile(path);
        return underlyingStream;
    }
}
