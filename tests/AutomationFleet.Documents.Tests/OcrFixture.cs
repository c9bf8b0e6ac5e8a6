using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Documents.Tests;

/// <summary>One engine pool for the test run, as a host would hold one per process.</summary>
public sealed class OcrFixture : IDisposable
{
    public OcrEnginePool Pool { get; } = new(new OcrOptions { MaxEngines = 2 });

    public void Dispose() => Pool.Dispose();
}
