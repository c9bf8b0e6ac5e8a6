using System.Runtime.InteropServices;

namespace AutomationFleet.Documents.Ocr.Native;

/// <summary>Process environment settings the native libraries read when they load.</summary>
internal static partial class NativeEnvironment
{
    // Every caller waits until the settings are made: with a plain "first caller prepares" flag, a second thread
    // could go on to Leptonica or Tesseract while the first was still setting them (seen: a Leptonica message on stderr
    // when two consumers read TIFFs at start).
    private static readonly Lazy<bool> Prepared = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Debian's libtesseract is built with OpenMP; several engines each spawning a thread team oversubscribe the cores
    /// (measured: one page 2 s with one thread, 12 s with the default team on a busy 2-core machine). The pool already
    /// runs one engine per core, so each engine gets one thread. Must run before libtesseract (and libgomp) load;
    /// an OMP_THREAD_LIMIT already set by the operator wins. Also silences Leptonica's stderr messages. .NET's Environment.SetEnvironmentVariable does not reach
    /// the native environment on Linux, hence libc's setenv.
    /// </summary>
    public static void PrepareForTesseract() => _ = Prepared.Value;

    private static bool Prepare()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = setenv("OMP_THREAD_LIMIT", "1", 0);
        }

        _ = LeptonicaNative.setMsgSeverity(LeptonicaNative.SeverityNone);
        return true;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
