using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AutomationFleet.Bots.ContactForms;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.PublicSite.Hosting;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// The public status page against a large store: N contact-form items (each with its own postcode), the real public
// site on a loopback port, and M look-ups as a browser makes them (the form, its post, the redirect to the case page),
// one after another, at random items. Prints p50/p99 of a whole look-up as `benchmark:` lines.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

int Number(string name, int fallback) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;

var items = Number("--items", 1_000_000);
var lookUps = Number("--lookups", 2_000);
var root = Directory.CreateTempSubdirectory("fleet-public-bench-").FullName;
try
{
    var path = Path.Combine(root, "fleet.db");
    await using var store = new SqliteFleetStore(new SqliteStoreOptions { Path = path }, TimeProvider.System);
    await store.InitializeAsync(CancellationToken.None);
    var fill = Stopwatch.StartNew();
    Fill(store.ConnectionString, items);
    Console.WriteLine($"benchmark: public-site store filled with {items:N0} items in {fill.Elapsed.TotalSeconds:F1} s");

    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["PublicSite:Urls"] = "http://127.0.0.1:0",
        ["PublicSite:Services:contact-forms:Name"] = "Adult Social Care",
        ["PublicSite:Services:contact-forms:WorkingDays"] = "10",
    }).Build();
    await using var site = PublicSiteWebApplication.Build(configuration, shared =>
    {
        shared.AddSingleton<IPublicStatusStore>(store);
        shared.AddSingleton<IWorkQueue>(store);
        shared.AddSingleton<IReviewQueue>(store);
        shared.AddSingleton<ISideEffectLedger>(store);
        shared.AddSingleton(TimeProvider.System);
        shared.AddSingleton<IPublicStatusReader>(new ContactFormStatusReader(Options.Create(new ContactFormsOptions()), new FileBlobStore(Path.Combine(root, "blobs"))));
    });
    await site.StartAsync();
    var address = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    // The anti-forgery cookie is Secure: HttpClient keeps it only for https, so it is carried by hand here.
    using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
    var random = new Random(14);
    var times = new List<double>(lookUps);
    for (var i = 0; i < lookUps + 50; i++)
    {
        var id = random.NextInt64(1, items + 1);
        var started = Stopwatch.GetTimestamp();
        await LookUpAsync(http, id);
        if (i >= 50)
        {
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    times.Sort();
    double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
    Console.WriteLine($"benchmark: public-site look-up (form, post, case page) with {items:N0} items on SQLite: p50 {At(0.50):F2} ms, p99 {At(0.99):F2} ms, max {times[^1]:F2} ms over {times.Count:N0} look-ups; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    await site.StopAsync();
    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(root, recursive: true);
}

static async Task LookUpAsync(HttpClient http, long id)
{
    using var form = await http.GetAsync(new Uri("/status", UriKind.Relative));
    var html = await form.Content.ReadAsStringAsync();
    var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    var cookie = form.Headers.GetValues("Set-Cookie").First().Split(';')[0];
    using var post = new HttpRequestMessage(HttpMethod.Post, "/status")
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Reference"] = ShortReference.For(id),
            ["Postcode"] = Postcode(id),
        }),
    };
    post.Headers.Add("Cookie", cookie);
    using var answer = await http.SendAsync(post);
    if (answer.StatusCode != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException($"look-up of {ShortReference.For(id)} answered {(int)answer.StatusCode}, not a redirect to the case");
    }

    using var page = await http.GetAsync(answer.Headers.Location);
    if (!(await page.Content.ReadAsStringAsync()).Contains("id=\"case-stage\"", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"the case page of {ShortReference.For(id)} shows no stage");
    }
}

static string Postcode(long id) => string.Create(CultureInfo.InvariantCulture, $"AB{id % 97} {id % 9}CD");

// Straight into the table in one transaction (a million enqueues through the contract would take minutes and measure
// the queue, not the page); the rows are what EnqueueAsync writes: New items with a contact form's payload.
static void Fill(string connectionString, int count)
{
    using var connection = new SqliteConnection(connectionString);
    connection.Open();
    using var transaction = connection.BeginTransaction();
    using var insert = connection.CreateCommand();
    insert.Transaction = transaction;
    insert.CommandText = """
        INSERT INTO work_items (id, queue, reference, payload_json, attachments_json, priority, state, attempts, created_at, updated_at)
        VALUES ($id, 'contact-forms', $reference, $payload, '[]', 0, 0, 0, $now, $now);
        """;
    var id = insert.Parameters.Add("$id", SqliteType.Integer);
    var reference = insert.Parameters.Add("$reference", SqliteType.Text);
    var payload = insert.Parameters.Add("$payload", SqliteType.Text);
    insert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    for (long n = 1; n <= count; n++)
    {
        id.Value = n;
        reference.Value = "form:bench-" + n.ToString(CultureInfo.InvariantCulture);
        payload.Value = $$"""{"person":{"givenName":"Test","surname":"Person","dateOfBirth":"01/01/1960","postcode":"{{Postcode(n)}}"},"message":"A benchmark form."}""";
        insert.ExecuteNonQuery();
    }

    transaction.Commit();
}
