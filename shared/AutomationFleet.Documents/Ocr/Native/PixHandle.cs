using System.Runtime.InteropServices;

namespace AutomationFleet.Documents.Ocr.Native;

/// <summary>Owns a Leptonica PIX; released with pixDestroy.</summary>
internal sealed class PixHandle : SafeHandle
{
    public PixHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        var pix = handle;
        LeptonicaNative.pixDestroy(ref pix);
        return true;
    }
}
