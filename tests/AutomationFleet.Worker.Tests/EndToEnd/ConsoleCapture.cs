using System.Text;

namespace AutomationFleet.Worker.Tests.EndToEnd;

/// <summary>
/// Copies everything written to the process's standard output and error into memory while it is in use, still passing
/// it on. The console is process-wide: use it only in a test collection that does not run in parallel.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _out = Console.Out;
    private readonly TextWriter _error = Console.Error;
    private readonly StringWriter _captured = new(System.Globalization.CultureInfo.InvariantCulture);

    public ConsoleCapture()
    {
        Console.SetOut(new TeeWriter(_out, _captured));
        Console.SetError(new TeeWriter(_error, _captured));
    }

    public string Text
    {
        get
        {
            lock (_captured)
            {
                return _captured.ToString();
            }
        }
    }

    public void Dispose()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
    }

    private sealed class TeeWriter(TextWriter original, StringWriter copy) : TextWriter
    {
        public override Encoding Encoding => original.Encoding;

        public override void Write(char value)
        {
            lock (copy)
            {
                copy.Write(value);
            }

            original.Write(value);
        }

        public override void Write(string? value)
        {
            lock (copy)
            {
                copy.Write(value);
            }

            original.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (copy)
            {
                copy.Write(buffer, index, count);
            }

            original.Write(buffer, index, count);
        }

        public override void Flush() => original.Flush();
    }
}
