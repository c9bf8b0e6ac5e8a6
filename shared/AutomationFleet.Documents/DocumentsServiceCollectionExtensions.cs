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
    /// Adds the document reader (<see cref="IDocumentReader"/>): every document read whole in the sandbox child process
    /// (<see cref="DocumentReaderProcess"/>), whose boundary is probed and checked when the host starts
    /// (<see cref="DocumentSandboxStartupCheck"/>: weaknesses logged once, start-up stopped when it cannot run as
    /// configured); options from <c>Documents</c>, <c>Ocr</c> and <c>Documents:Sandbox</c>, validated at start. Safe to
    /// call from several bots. A reader registered before this call (a test's, a host's own) is kept, and then no
    /// sandbox check runs.
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
        services.AddOptions<DocumentSandboxOptions>().BindConfiguration(DocumentSandboxOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DocumentSandboxOptions>, DocumentSandboxOptionsValidator>());
        if (services.Any(s => s.ServiceType == typeof(IDocumentReader)))
        {
            return services;
        }

        services.TryAddSingleton(sp => new DocumentReaderProcess(
            sp.GetRequiredService<IOptions<DocumentLimits>>().Value,
            sp.GetRequiredService<IOptions<OcrOptions>>().Value,
            sp.GetRequiredService<IOptions<DocumentSandboxOptions>>().Value));
        services.AddSingleton<IDocumentReader>(sp => sp.GetRequiredService<DocumentReaderProcess>());
        services.AddHostedService(sp => new DocumentSandboxStartupCheck(
            sp.GetRequiredService<DocumentReaderProcess>(),
            sp.GetRequiredService<IOptions<DocumentSandboxOptions>>().Value,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DocumentSandboxStartupCheck>>()));
        return services;
    }

    // Marks the collection so a second bot's call adds nothing twice (hosted services are not de-duplicated by TryAdd).
    private sealed class DocumentsRegistered;
}
