using AutomationFleet.Matching.Index;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Matching.Tests.Index;

public sealed class PersonIndexServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPersonIndex_CalledByTwoBots_OneHolderOneLoaderOneBinding()
    {
        var services = Services(new Dictionary<string, string?> { ["CaseRecords:Path"] = SampleExtract.Path, ["CaseRecords:RefreshInterval"] = "00:10:00" });

        services.AddPersonIndex();
        services.AddPersonIndex();

        Assert.Single(services, d => d.ServiceType == typeof(PersonIndexHolder));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(PersonIndexLoader));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<CaseRecordsOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(IConfigureOptions<CaseRecordsOptions>));
        using var provider = services.BuildServiceProvider();
        Assert.Single(provider.GetServices<IHostedService>().OfType<PersonIndexLoader>());
        var options = provider.GetRequiredService<IOptions<CaseRecordsOptions>>().Value;
        Assert.Equal((SampleExtract.Path, TimeSpan.FromMinutes(10), "var/person-index"), (options.Path, options.RefreshInterval, options.IndexPath));
    }

    [Fact]
    public void AddPersonIndex_BadSettings_OptionsRefusedNamingEverySetting()
    {
        var services = Services(new Dictionary<string, string?> { ["CaseRecords:Path"] = "no/such/people.csv", ["CaseRecords:RefreshInterval"] = "-00:01:00" });
        services.AddPersonIndex();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CaseRecordsOptions>>().Value);

        Assert.Contains("CaseRecords:Path is 'no/such/people.csv'", error.Message, StringComparison.Ordinal);
        Assert.Contains("CaseRecords:RefreshInterval is -00:01:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedConfiguration_CaseRecords_IsValidFromTheRepositoryRoot()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Repository.File("config", "appsettings.json")).Build();
        var options = configuration.GetSection(CaseRecordsOptions.SectionName).Get<CaseRecordsOptions>()!;
        options.Path = Repository.File(options.Path);
        options.ColumnMapPath = Repository.File(options.ColumnMapPath!);

        var result = new CaseRecordsOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(("var/person-index", TimeSpan.FromHours(1)), (options.IndexPath, options.RefreshInterval));
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        return services;
    }
}
