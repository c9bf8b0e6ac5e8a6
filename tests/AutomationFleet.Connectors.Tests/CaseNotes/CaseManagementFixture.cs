using AutomationFleet.Connectors.CaseNotes;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Samples.CaseManagement;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace AutomationFleet.Connectors.Tests.CaseNotes;

/// <summary>
/// The sample case-management app in-process on a free loopback port (own SQLite folder, seeded from the committed
/// extract), one <see cref="CaseManagementBrowser"/> (Debian's Chromium) for the test class, the connector configured
/// from the shipped <c>config/case-management.json</c>, credentials in secret files, and the fleet's <c>web</c>
/// pipeline with short delays.
/// </summary>
public class CaseManagementFixture : IAsyncLifetime
{
    public const string DemoPassword = "demo-password-for-tests";

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-casenotes-").FullName;
    private WebApplication? _app;
    private ServiceProvider? _pipelines;

    public string BaseUrl { get; private set; } = "";

    public string DataFolder => Path.Combine(_root, "data");

    public string DatabasePath => Path.Combine(DataFolder, "case-management.db");

    public string UsernameFile => Path.Combine(_root, "user.secret");

    public string PasswordFile => Path.Combine(_root, "password.secret");

    public LegacyQuirks Quirks { get; private set; } = null!;

    public FileBlobStore Blobs { get; private set; } = null!;

    public CaseManagementBrowser Browser { get; private set; } = null!;

    public ResiliencePipeline WebPipeline { get; private set; } = null!;

    protected virtual TimeSpan IdleTimeout => TimeSpan.FromMinutes(10);

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(UsernameFile, "caseworker\n");
        await File.WriteAllTextAsync(PasswordFile, DemoPassword + "\n");
        Blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        _app = await CaseManagementApp.CreateAsync(
            ["--urls", "http://127.0.0.1:0"],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["SampleApp:DataFolder"] = DataFolder,
                    ["SampleApp:DemoPassword"] = DemoPassword,
                    ["SampleApp:IdleTimeout"] = IdleTimeout.ToString(),
                });
                builder.Logging.ClearProviders();
            });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Quirks = _app.Services.GetRequiredService<LegacyQuirks>();
        Browser = new CaseManagementBrowser(Options.Create(ConnectorOptions()));

        var services = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).AddFleetPipelines();
        services.AddTransientFaultFilter(FleetPipelines.Web, CaseManagementFaults.IsTransient);
        services.Configure<FleetPipelineOptions>(options => options.Web = new PipelineOptions
        {
            MaxRetryAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromMilliseconds(500),
            AttemptTimeout = TimeSpan.FromSeconds(60),
            UseCircuitBreaker = false,
        });
        _pipelines = services.BuildServiceProvider();
        WebPipeline = _pipelines.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(FleetPipelines.Web);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        if (_pipelines is not null)
        {
            await _pipelines.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>The shipped selectors and defaults, pointed at this app, with credentials in secret files.</summary>
    public CaseManagementOptions ConnectorOptions()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryConfig.Directory, "appsettings.json"))
            .AddJsonFile(Path.Combine(RepositoryConfig.Directory, "case-management.json"))
            .Build();
        var options = configuration.GetSection(CaseManagementOptions.SectionName).Get<CaseManagementOptions>()!;
        options.Enabled = true;
        options.BaseUrl = BaseUrl;
        options.UsernameFile = UsernameFile;
        options.PasswordFile = PasswordFile;
        options.NavigationTimeout = TimeSpan.FromSeconds(15);
        options.ActionTimeout = TimeSpan.FromSeconds(5);
        return options;
    }

    public CaseNoteWriter Writer() =>
        new(Browser, Blobs, Options.Create(ConnectorOptions()), NullLogger<CaseNoteWriter>.Instance, _ => null);

    public CaseRecordCreator Creator() =>
        new(Browser, Blobs, Options.Create(ConnectorOptions()), NullLogger<CaseRecordCreator>.Instance, _ => null);

    /// <summary>The case-record ids of the people in the app's own database carrying the source reference.</summary>
    public IReadOnlyList<string> PeopleWithSourceReference(string reference) =>
        ReadOnly("SELECT id FROM people WHERE source_reference = $value ORDER BY id", reference);

    /// <summary>The texts of the notes on one record, oldest first.</summary>
    public IReadOnlyList<string> NotesOn(string caseRecordId) =>
        ReadOnly("SELECT text FROM notes WHERE person_id = $value ORDER BY id", caseRecordId);

    private List<string> ReadOnly(string sql, string value)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$value", value);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Notes in the app's own database carrying the reference line (read behind the app's back, as an auditor would).</summary>
    public int NotesWithReference(string reference)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM notes WHERE text LIKE '%' || char(10) || $line OR text = $line";
        command.Parameters.AddWithValue("$line", "Ref: " + reference);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The same app with a 2-second idle timeout.</summary>
public sealed class ShortSessionFixture : CaseManagementFixture
{
    protected override TimeSpan IdleTimeout => TimeSpan.FromSeconds(2);
}
