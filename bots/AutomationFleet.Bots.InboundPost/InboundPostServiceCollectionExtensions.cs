using AutomationFleet.Bots.InboundPost.Extraction;
using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Bots.InboundPost.Reading;
using AutomationFleet.Bots.InboundPost.Retraining;
using AutomationFleet.Bots.InboundPost.Review;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Documents;
using AutomationFleet.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost;

public static class InboundPostServiceCollectionExtensions
{
    /// <summary>
    /// Does nothing unless configuration has an "InboundPost" section (and <c>InboundPost:Enabled</c> is not false), so a
    /// host configured without the bot (tests, other deployments) runs without it. Otherwise registers the inbound-post bot and its retraining bot, their options (validated at start), the shared classifier
    /// (trained at start if missing), the taxonomy, the extractor, the route steps (<see cref="IRouteStepFactory"/>, unless
    /// one is registered already), document reading (<see cref="DocumentsServiceCollectionExtensions.AddFleetDocuments"/>)
    /// and its review form (<see cref="AddInboundPostReviewForm"/>).
    /// </summary>
    public static IServiceCollection AddInboundPostBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!BotConfiguration.IsEnabled(configuration, InboundPostOptions.SectionName))
        {
            return services;
        }

        services.AddOptions<InboundPostOptions>().BindConfiguration(InboundPostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InboundPostOptions>, InboundPostOptionsValidator>());
        services.AddOptions<ExtractionOptions>().BindConfiguration(ExtractionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExtractionOptions>, ExtractionOptionsValidator>());
        services.AddOptions<ClassificationOptions>().BindConfiguration(ClassificationOptions.SectionName).ValidateOnStart();
        if (configuration.GetSection(ClassificationOptions.SectionName).Get<ClassificationOptions>()?.Embeddings ?? true)
        {
            services.AddFleetTextEmbeddings();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddFleetDocuments();
        services.TryAddSingleton<PostTextReader>();
        services.TryAddSingleton(sp => CouncilTaxonomy.Load(sp.GetRequiredService<IOptions<InboundPostOptions>>().Value.TaxonomyPath));
        // The embedder only when Classification:Embeddings says so: another bot (incident reports) registers one for
        // itself, and a model trained with it would not load where the setting is read as false (the CLI, the bench).
        services.TryAddSingleton(sp => new ClassifierModel(
            sp.GetRequiredService<IOptions<InboundPostOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ClassifierModel>>(),
            sp.GetRequiredService<IOptions<ClassificationOptions>>().Value.Embeddings ? sp.GetRequiredService<ITextEmbedder>() : null));
        services.TryAddSingleton(sp => new Extractor(
            sp.GetRequiredService<IOptions<ExtractionOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<RouteStepFactory>();
        services.TryAddSingleton(MailRouting.CreateFactory);
        services.TryAddSingleton(MailRouting.CreateAcknowledgement);
        services.AddHostedService<ClassifierModelInitializer>();
        services.AddSingleton<IBot, InboundPostBot>();
        services.AddSingleton<IPublicStatusReader, InboundPostStatusReader>();
        services.AddSingleton<IBot, RetrainClassifierBot>();
        return services.AddInboundPostReviewForm(configuration);
    }

    /// <summary>
    /// The bot's review form alone (<see cref="InboundPostReviewForm"/> as an <see cref="IReviewForm"/>, and the taxonomy it
    /// needs, from <c>InboundPost:TaxonomyPath</c>, unless registered already), for a host that runs the portal without
    /// the bot (<c>fleet portal</c>). <see cref="AddInboundPostBot"/> calls it too. Same condition as the bot: does
    /// nothing unless the "InboundPost" section exists and is not disabled.
    /// </summary>
    public static IServiceCollection AddInboundPostReviewForm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!BotConfiguration.IsEnabled(configuration, InboundPostOptions.SectionName))
        {
            return services;
        }

        // Read, not bound: binding InboundPostOptions here as well as in AddInboundPostBot would add its lists twice.
        var taxonomyPath = configuration.GetSection(InboundPostOptions.SectionName)[nameof(InboundPostOptions.TaxonomyPath)] ?? new InboundPostOptions().TaxonomyPath;
        services.TryAddSingleton(_ => CouncilTaxonomy.Load(taxonomyPath));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewForm, InboundPostReviewForm>());
        return services;
    }
}
