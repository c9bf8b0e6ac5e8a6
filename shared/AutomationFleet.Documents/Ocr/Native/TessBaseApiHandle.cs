using System.Runtime.InteropServices;

namespace AutomationFleet.Documents.Ocr.Native;

/// <summary>Owns a TessBaseAPI; released with TessBaseAPIDelete (which also ends the engine).</summary>
internal sealed class TessBaseApiHandle : SafeHandle
{
    public TessBaseApiHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        TesseractNative.TessBaseAPIDelete(handle);
        return true;
    }
}
