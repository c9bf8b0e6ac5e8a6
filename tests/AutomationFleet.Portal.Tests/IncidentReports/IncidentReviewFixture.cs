using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using AutomationFleet.Bots.IncidentReports;
using AutomationFleet.Bots.IncidentReports.Allocation;
using AutomationFleet.Bots.IncidentReports.Deduplication;
using AutomationFleet.Bots.IncidentReports.Places;
using AutomationFleet.Bots.IncidentReports.Review;
using AutomationFleet.Bots.IncidentReports.Triage;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Connectors.Tests.Mail;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Tests.Correction;
using AutomationFleet.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Tests.IncidentReports;

/// <summary>
/// A web-form report of a pothole where a cyclist was seriously injured, naming no place the gazetteer knows: the real
/// incident-report bot (shipped allocation config and gazetteer, the fixture's SQLite store as its incident store) finds
/// possible serious harm and no rule that allocates it, and the real runner sends it to review with no proposal. The
/// portal has the bot's review form; the bot's notify step sends through the mail connector to aiosmtpd on loopback (the
/// connector tests' <see cref="MailServersFixture"/>, reused). Account: "ines" (granted incident-reports).
/// </summary>
public sealed class IncidentReviewFixture() : BotReviewFixture("ines")
{
    public const string Reference = "incident-reports:web-pothole-cyclist";

    public const string Report = """
        {
          "description": "There is a deep pothole somewhere on the way into the village and a cyclist was seriously injured there last night."
        }
        """;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The SMTP (and IMAP) servers the team's e-mail goes to.</summary>
    public MailServersFixture Mail { get; } = new();

    /// <summary>The shipped allocation config and gazetteer.</summary>
    public IncidentReferenceData Data { get; } = new(
        AllocationConfig.Load(Path.Combine(AppContext.BaseDirectory, "Samples", "incidents", "allocation.json")),
        Gazetteer.Load(Path.Combine(AppContext.BaseDirectory, "Samples", "incidents", "gazetteer.csv")),
        new Dictionary<string, string>());

    public WorkItem Item { get; private set; } = null!;

    /// <summary>The bot's evidence as stored with the review task.</summary>
    public IncidentEvidence Evidence { get; private set; } = null!;

    protected override async Task<(IBot Bot, ConfidenceOptions Confidence, IReadOnlyList<IReviewForm> Forms)> CreateBotAsync()
    {
        await Mail.InitializeAsync();
        var options = new IncidentReportsOptions();
        var triage = new IncidentTriage(Data, Store, new DuplicateFinder(new NoTextEmbedder(), DuplicateWords.From(options)), null, options);
        var mail = new SmtpMailSender(
            Options.Create(new SmtpOptions
            {
                Enabled = true,
                Host = "127.0.0.1",
                Port = Mail.SmtpPort,
                Security = MailSecurity.None,
                From = "incidents@council.example",
            }),
            TestResilience.Create(NullLoggerFactory.Instance),
            TimeProvider.System,
            NullLogger<SmtpMailSender>.Instance);
        var bot = new IncidentReportBot(triage, Data, Store, Options.Create(options), TimeProvider.System, NullLogger<IncidentReportBot>.Instance, mail);
        return (bot, new ConfidenceOptions(), [new IncidentReviewForm(Data, Store, TimeProvider.System)]);
    }

    protected override async Task SeedAsync()
    {
        var (item, task) = await SendToReviewAsync(Reference, Report);
        Item = item;
        Evidence = JsonSerializer.Deserialize<IncidentEvidence>(task.Request.EvidenceJson, Web)!;
        Assert.Null(task.Request.ProposalJson);
    }

    protected override Task DisposeBotAsync() => Mail.DisposeAsync();

    // The store starts empty, so no report has an open incident at its place to compare words with: nothing is embedded,
    // and the record step keeps a new incident's vector only when the decision encoded it, so it finds none here.
    private sealed class NoTextEmbedder : ITextEmbedder
    {
        public string ModelName => "none";

        public int Dimensions => 1;

        public float[] Embed(string text) => throw new InvalidOperationException("No text is compared in this fixture.");

        public IReadOnlyList<float[]> EmbedMany(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("No text is compared in this fixture.");

        public bool TryGetCached(string text, [NotNullWhen(true)] out float[]? vector)
        {
            vector = null;
            return false;
        }
    }
}
