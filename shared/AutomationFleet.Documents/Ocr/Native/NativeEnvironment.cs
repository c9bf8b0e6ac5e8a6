using System.Runtime.InteropServices;

namespace AutomationFleet.Documents.Ocr.Native;

/// <summary>Process environment settings the native libraries read when they load.</summary>
internal static partial class NativeEnvironment
{
    private static int _prepared;

    /// <summary>
    /// Debian's libtesseract is built with OpenMP; several engines each spawning a thread team oversubscribe the cores
    /// (measured: one page 2 s with one thread, 12 s with the default team on a busy 2-core machine). The pool already
    /// runs one engine per core, so each engine gets one thread. Must run before libtesseract (and libgomp) load;
    /// an OMP_THREAD_LIMIT already set by the operator wins. Also silences Leptonica's stderr messages. .NET's Environment.SetEnvironmentVariable does not reach
    /// the native environment on Linux, hence libc's setenv.
    /// </summary>
    public static void PrepareForTesseract()
    {
        if (Interlocked.Exchange(ref _prepared, 1) != 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux())
        {
            _ = setenv("OMP_THREAD_LIMIT", "1", 0);
        }

        _ = LeptonicaNative.setMsgSeverity(LeptonicaNative.SeverityNone);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
