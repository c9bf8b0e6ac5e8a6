using AutomationFleet.Connectors.CaseNotes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.ContactForms.Tests;

public sealed class ContactFormsOptionsValidatorTests
{
    [Theory]
    [InlineData("Review")]
    [InlineData("Create")]
    [InlineData("create")]
    public void Validate_ReviewOrCreate_Succeeds(string newPerson)
    {
        var result = CreateSut(new CaseManagementOptions()).Validate(null, new ContactFormsOptions { NewPerson = newPerson });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_UnknownNewPerson_FailsNamingTheSettingAndTheChoices()
    {
        var result = CreateSut(new CaseManagementOptions()).Validate(null, new ContactFormsOptions { NewPerson = "Automatic" });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("ContactForms:NewPerson is 'Automatic'; it must be Review", failure, StringComparison.Ordinal);
        Assert.Contains("or Create", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CreateWithConnectorOnButNoNewPersonPages_NamesEveryMissingSetting()
    {
        var result = CreateSut(new CaseManagementOptions { Enabled = true }).Validate(null, new ContactFormsOptions { NewPerson = "Create" });

        Assert.False(result.Succeeded);
        Assert.All(result.Failures!, f => Assert.StartsWith("ContactForms:NewPerson is Create, but CaseManagement:", f, StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("CaseManagement:NewPerson:GivenName is empty", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("CaseManagement:Search:SourceReference is empty", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("CaseManagement:Person:SourceReference is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CreateWithShippedPages_Succeeds()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Repository.File("config", "case-management.json")).Build()
            .GetSection(CaseManagementOptions.SectionName).Get<CaseManagementOptions>()!;
        shipped.Enabled = true;

        var result = CreateSut(shipped).Validate(null, new ContactFormsOptions { NewPerson = "Create" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void AddContactFormBot_UnknownNewPerson_OptionsRefusedNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Repository.File("config", "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ContactForms:NewPerson"] = "Creat" })
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddContactFormBot(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ContactFormsOptions>>().Value);

        Assert.Contains("ContactForms:NewPerson is 'Creat'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedConfiguration_NewPerson_IsReview()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Repository.File("config", "appsettings.json")).Build();

        var options = configuration.GetSection(ContactFormsOptions.SectionName).Get<ContactFormsOptions>()!;

        Assert.Equal(NewPersonModes.Review, options.NewPerson);
        Assert.False(options.CreatesNewPeople);
    }

    private static ContactFormsOptionsValidator CreateSut(CaseManagementOptions caseManagement) => new(Options.Create(caseManagement));
}
