using AutomationFleet.Core.Calendar;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.PublicSite.Estimate;
using AutomationFleet.PublicSite.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.PublicSite.Pages.Estimate;

/// <summary>
/// The charge estimate: the figures posted are worked out by the bot's calculator and shown with the working, and
/// nothing is stored. "Apply for a full assessment" (the same form, with a name and address) puts one self-declared
/// item on the financial-assessment queue and redirects to its confirmation.
/// </summary>
public sealed class IndexModel(
    ChargeEstimator estimator, IWorkQueue queue, ResultLinks links, TimeProvider time, WorkingDayCalendar calendar, AssessmentIntake? intake = null) : PageModel
{
    [BindProperty]
    public ChargeEstimateForm Form { get; set; } = new();

    [BindProperty]
    public ApplicantForm Applicant { get; set; } = new();

    public ChargeEstimate? Estimate { get; private set; }

    public IReadOnlyList<FormError> Errors { get; private set; } = [];

    public bool Available => estimator.Available;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.FieldId == field)?.Message;

    public void OnGet() => Form.Pad();

    public IActionResult OnPostEstimate()
    {
        if (!estimator.Available)
        {
            return NotFound();
        }

        Estimate = estimator.Estimate(Form, Today);
        Form.Pad();
        return Estimate.Succeeded ? Page() : Refuse(Estimate.Errors);
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        if (!estimator.Available || intake is null)
        {
            return NotFound();
        }

        var reference = "self-service:" + Guid.NewGuid().ToString("N");
        var (json, errors) = estimator.Application(Form, Applicant, Today, reference);
        Form.Pad();
        if (json is null)
        {
            Estimate = estimator.Estimate(Form, Today) is { Succeeded: true } shown ? shown : null;
            return Refuse(errors);
        }

        var item = (await queue.EnqueueAsync(new NewWorkItem(intake.Queue, reference, json), "public-site", cancellationToken)).Item;
        return Redirect("/estimate/applied/" + links.For(item.Id));
    }

    private DateOnly Today => calendar.LocalDay(time.GetUtcNow());

    private PageResult Refuse(IReadOnlyList<FormError> errors)
    {
        Errors = errors;
        ViewData["Errors"] = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
