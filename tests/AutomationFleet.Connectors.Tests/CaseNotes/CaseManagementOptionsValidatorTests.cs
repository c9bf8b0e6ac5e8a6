using AutomationFleet.Connectors.CaseNotes;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Connectors.Tests.CaseNotes;

public sealed class CaseManagementOptionsValidatorTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Validate_EnabledWithEverythingWrong_ReportsEachSettingByPath()
    {
        var options = new CaseManagementOptions
        {
            Enabled = true,
            BaseUrl = "ftp://casemanagement",
            ChromiumPath = "/nowhere/chromium",
            NavigationTimeout = TimeSpan.Zero,
            ActionTimeout = TimeSpan.FromHours(1),
            ReferenceLine = "Ref:",
            MaxNoteLength = 5,
            SignIn = new SignInPageOptions { Path = "sign-in" },
            Search = new SearchPageOptions { Path = "" },
            PasswordFile = "/nowhere/password.secret",
        };

        var result = new CaseManagementOptionsValidator(NoEnvironment).Validate(null, options);

        Assert.True(result.Failed);
        foreach (var path in new[]
                 {
                     "CaseManagement:BaseUrl", "CaseManagement:ChromiumPath", "CaseManagement:NavigationTimeout",
                     "CaseManagement:ActionTimeout", "CaseManagement:ReferenceLine", "CaseManagement:MaxNoteLength",
                     "CaseManagement:SignIn:Path", "CaseManagement:Search:Path", "CaseManagement:SignIn:Username",
                     "CaseManagement:SignIn:Password", "CaseManagement:SignIn:Submit", "CaseManagement:Search:CaseRecordId",
                     "CaseManagement:Search:Submit", "CaseManagement:Search:Result", "CaseManagement:Search:NoResults",
                     "CaseManagement:Person:CaseRecordId", "CaseManagement:Person:NotesList", "CaseManagement:Person:Note",
                     "CaseManagement:Person:AddNote", "CaseManagement:NoteForm:Text", "CaseManagement:NoteForm:Save",
                     "FLEET_CASE_MANAGEMENT_USER", "/nowhere/password.secret",
                 })
        {
            Assert.Contains(result.Failures!, failure => failure.Contains(path, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_Disabled_IgnoresAddressSelectorsAndCredentials()
    {
        var result = new CaseManagementOptionsValidator(NoEnvironment).Validate(null, new CaseManagementOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_ShippedConfigEnabledWithCredentialsInEnvironment_Succeeds()
    {
        var options = Shipped();
        options.Enabled = true;
        var environment = new Dictionary<string, string?>
        {
            [CaseManagementCredentials.UserVariable] = "caseworker",
            [CaseManagementCredentials.PasswordVariable] = "secret-password",
        };

        var result = new CaseManagementOptionsValidator(name => environment.GetValueOrDefault(name)).Validate(null, options);

        Assert.True(result.Succeeded, string.Join(" ", result.Failures ?? []));
    }

    [Fact]
    public void Validate_ShippedConfigEnabledWithoutCredentials_NamesBothSources()
    {
        var options = Shipped();
        options.Enabled = true;

        var result = new CaseManagementOptionsValidator(NoEnvironment).Validate(null, options);

        Assert.Equal(
            [
                "Neither CaseManagement:UsernameFile nor the environment variable FLEET_CASE_MANAGEMENT_USER is set.",
                "Neither CaseManagement:PasswordFile nor the environment variable FLEET_CASE_MANAGEMENT_PASSWORD is set.",
            ],
            result.Failures);
    }

    [Fact]
    public void Read_SecretFileWithTrailingNewline_TrimsIt()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "s3cret\n");
        try
        {
            var credentials = CaseManagementCredentials.Read(
                new CaseManagementOptions { PasswordFile = file }, name => name == CaseManagementCredentials.UserVariable ? "caseworker" : null);

            Assert.Equal("s3cret", credentials.Password);
            Assert.DoesNotContain("s3cret", credentials.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Note.\n\nRef: form:1#case-note", true)]
    [InlineData("Note.\n\nRef: form:12#case-note", false)]
    [InlineData("Note mentions Ref: form:1#case-note in passing.", false)]
    public void AnyCarries_ReferenceLine_MatchesWholeLineOnly(string note, bool expected)
    {
        Assert.Equal(expected, CaseNoteText.AnyCarries([note], "Ref: form:1#case-note"));
    }

    private static CaseManagementOptions Shipped() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryConfig.Directory, "appsettings.json"))
            .AddJsonFile(Path.Combine(RepositoryConfig.Directory, "case-management.json"))
            .Build()
            .GetSection(CaseManagementOptions.SectionName)
            .Get<CaseManagementOptions>()!;
}
