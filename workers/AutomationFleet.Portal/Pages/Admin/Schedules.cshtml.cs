using AutomationFleet.Core.Audit;
using AutomationFleet.Portal.Admin;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.Portal.Pages.Admin;

/// <summary>The schedules with their next fire times; pause, resume and trigger post back (anti-forgery checked).</summary>
public sealed class SchedulesModel(IServiceProvider services, SecurityAudit audit) : PageModel
{
    private readonly IScheduleControl? _schedules = services.GetService(typeof(IScheduleControl)) as IScheduleControl;

    public bool Available => _schedules is not null;

    public IReadOnlyList<ScheduleRow> Schedules { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (_schedules is not null)
        {
            Schedules = await _schedules.ListAsync(cancellationToken);
        }
    }

    public Task<IActionResult> OnPostPauseAsync(string name, CancellationToken cancellationToken) =>
        ChangeAsync(name, AuditActions.SchedulePaused, async s => await s.PauseAsync(name, User.Identity?.Name ?? "administrator", cancellationToken) ? "paused" : "was already paused", cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(string name, CancellationToken cancellationToken) =>
        ChangeAsync(name, AuditActions.ScheduleResumed, async s => await s.ResumeAsync(name, cancellationToken) ? "resumed" : "was not paused", cancellationToken);

    public Task<IActionResult> OnPostTriggerAsync(string name, CancellationToken cancellationToken) =>
        ChangeAsync(
            name,
            AuditActions.ScheduleTriggered,
            async s =>
            {
                await s.TriggerAsync(name, cancellationToken);
                return "triggered: it fires within a few seconds";
            },
            cancellationToken);

    private async Task<IActionResult> ChangeAsync(string name, string action, Func<IScheduleControl, Task<string>> change, CancellationToken cancellationToken)
    {
        if (_schedules is null || string.IsNullOrWhiteSpace(name))
        {
            return NotFound();
        }

        try
        {
            var outcome = await change(_schedules);
            await audit.WriteAsync(User.Identity?.Name ?? "administrator", action, "schedule:" + name, outcome, cancellationToken);
            Message = $"Schedule {name} {outcome}.";
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        return RedirectToPage();
    }
}
