using System.Runtime.InteropServices;

namespace AutomationFleet.Documents.Ocr.Native;

/// <summary>Owns an ETEXT_DESC progress monitor (deadline and cancel hook); released with TessMonitorDelete.</summary>
internal sealed class TessMonitorHandle : SafeHandle
{
    public TessMonitorHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        TesseractNative.TessMonitorDelete(handle);
        return true;
    }
}
