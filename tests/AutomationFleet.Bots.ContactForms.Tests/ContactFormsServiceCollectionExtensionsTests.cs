using AutomationFleet.Bots.ContactForms.Forms;
using AutomationFleet.Matching.Index;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Bots.ContactForms.Tests;

public sealed class ContactFormsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddContactFormBot_AnotherBotAlsoAddsThePersonIndex_OneLoaderAndTheFinderReadsTheSharedHolder()
    {
        // The shipped paths are relative to the repository root; the tests run elsewhere.
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Repository.File("config", "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CaseRecords:Path"] = SampleIndex.ExtractPath,
                ["CaseRecords:ColumnMapPath"] = Repository.File("config", "case-records.columns.json"),
            })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();

        services.AddContactFormBot(configuration);
        services.AddPersonIndex();
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IHostedService>().OfType<PersonIndexLoader>());
        var finder = provider.GetRequiredService<IPersonFinder>();
        provider.GetRequiredService<PersonIndexHolder>().Use(SampleIndex.Index);
        var record = SampleIndex.Records[0];
        var best = finder.Find(new FormPerson { GivenName = record.GivenName, Surname = record.Surname, DateOfBirth = record.DateOfBirth, Postcode = record.Postcode, NhsNumber = record.NhsNumber }, 1);
        Assert.Equal(record.Id, Assert.Single(best).CaseRecordId);
    }
}
