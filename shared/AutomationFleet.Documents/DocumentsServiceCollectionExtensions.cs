using AutomationFleet.Documents.Ocr;
using AutomationFleet.Documents.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Documents;

/// <summary>Registers document reading for every bot that reads documents, so no bot owns it.</summary>
public static class DocumentsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the document reader (<see cref="IDocumentReader"/>): PDFs read in the sandbox process, scans by a Tesseract
    /// engine pool whose engines start with the host; options from <c>Documents</c>, <c>Ocr</c> and <c>DocumentSandbox</c>,
    /// validated at start. Safe to call from several bots. A reader registered before this call (a test's, a host's own)
    /// is kept, and then no engine is started.
    /// </summary>
    public static IServiceCollection AddFleetDocuments(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(s => s.ServiceType == typeof(DocumentsRegistered)))
        {
            return services;
        }

        services.AddSingleton<DocumentsRegistered>();
        services.AddOptions<DocumentLimits>().BindConfiguration(DocumentLimits.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OcrOptions>().BindConfiguration(OcrOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DocumentSandboxOptions>().BindConfiguration(DocumentSandboxOptions.SectionName);
        if (!services.Any(s => s.ServiceType == typeof(IDocumentReader)))
        {
            // The default reader below uses the pool; a host with a reader of its own may never need an engine.
            services.AddHostedService<OcrEngineStarter>();
        }

        services.TryAddSingleton(sp => new OcrEnginePool(sp.GetRequiredService<IOptions<OcrOptions>>().Value));
        services.TryAddSingleton<IDocumentReader>(sp => new DocumentReaderProcess(
            sp.GetRequiredService<IOptions<DocumentLimits>>().Value,
            sp.GetRequiredService<OcrEnginePool>(),
            sp.GetRequiredService<IOptions<DocumentSandboxOptions>>().Value));
        return services;
    }

    // Marks the collection so a second bot's call adds nothing twice (hosted services are not de-duplicated by TryAdd).
    private sealed class DocumentsRegistered;
}
