using AutomationFleet.Core.Bots;
using AutomationFleet.Portal.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutomationFleet.Portal.Pages.Admin;

/// <summary>
/// Pause and resume a bot fleet-wide, with a reason (anti-forgery checked). The pause is kept in the store and audited
/// there; every worker's consumers of the bot stop taking items within <see cref="BotPauseSource.DefaultCacheDuration"/>.
/// Bots are picked from the list the fleet runs (<see cref="FleetBots"/>), never typed.
/// </summary>
public sealed class BotsModel(IServiceProvider services, FleetBots bots, ILogger<BotsModel> logger) : PageModel
{
    private readonly IBotPauseStore? _pauses = services.GetService<IBotPauseStore>();

    public bool Available => _pauses is not null;

    /// <summary>Every bot the page offers: the fleet's, and any paused under another name.</summary>
    public IReadOnlyList<string> Bots { get; private set; } = [];

    public IReadOnlyDictionary<string, BotPause> Paused { get; private set; } = new Dictionary<string, BotPause>();

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public static string ReasonId(string bot) => "reason-" + bot;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostPauseAsync(string? bot, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(bot, reason, async (name, why) =>
        {
            var change = await _pauses!.PauseBotAsync(name, Actor, why, cancellationToken);
            return change.Changed
                ? $"Bot {name} paused. Every worker stops taking its items within {BotPauseSource.DefaultCacheDuration.TotalSeconds:0} seconds."
                : $"Bot {name} was already paused by {change.Pause.PausedBy}; nothing changed.";
        }, cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(string? bot, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(bot, reason, async (name, why) =>
        {
            var ended = await _pauses!.ResumeBotAsync(name, Actor, why, cancellationToken);
            return ended is null
                ? $"Bot {name} was not paused; nothing changed."
                : $"Bot {name} resumed. Workers take its items again within {BotPauseSource.DefaultCacheDuration.TotalSeconds:0} seconds.";
        }, cancellationToken);

    private string Actor => User.Identity?.Name ?? "administrator";

    private async Task<IActionResult> ChangeAsync(
        string? bot, string? reason, Func<string, string, Task<string>> change, CancellationToken cancellationToken)
    {
        if (_pauses is null)
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        var name = Bots.FirstOrDefault(b => string.Equals(b, bot?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            Error = "Choose a bot from the list.";
        }
        else if (string.IsNullOrWhiteSpace(reason))
        {
            Error = $"Give a reason for bot {name}: it is kept in the security audit.";
        }
        else if (reason.Trim().Length > BotPause.MaxReasonLength)
        {
            Error = $"The reason is longer than {BotPause.MaxReasonLength} characters.";
        }

        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Message = await change(name!, reason!.Trim());
        logger.LogInformation("Bot {Bot} pause changed from the admin console", name);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var paused = _pauses is null ? [] : await _pauses.ListBotPausesAsync(cancellationToken);
        Paused = paused.ToDictionary(p => p.Bot, StringComparer.OrdinalIgnoreCase);
        Bots = bots.With(paused.Select(p => p.Bot));
    }
}
