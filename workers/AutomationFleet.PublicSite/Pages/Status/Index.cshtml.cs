using AutomationFleet.Core.PublicStatus;
using AutomationFleet.PublicSite.Estimate;
using AutomationFleet.PublicSite.Security;
using AutomationFleet.PublicSite.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.PublicSite.Pages.Status;

/// <summary>
/// The look-up form: a reference and one check. A found case redirects to its time-limited link (post/redirect/get);
/// a wrong reference or check gets the one same answer; too many wrong checks get a wait.
/// </summary>
public sealed class IndexModel(StatusLookup lookup, ResultLinks links) : PageModel
{
    public const string NotFoundMessage =
        "We could not find a case with those details. Check your reference and your postcode or date of birth, and try again.";

    public const string LimitedMessage =
        "You have tried too many times. Wait 15 minutes, then try again, or contact us and quote your reference.";

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? Postcode { get; set; }

    [BindProperty]
    public string? BirthDay { get; set; }

    [BindProperty]
    public string? BirthMonth { get; set; }

    [BindProperty]
    public string? BirthYear { get; set; }

    public IReadOnlyList<FormError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.FieldId == field)?.Message;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = new List<FormError>();
        if (string.IsNullOrWhiteSpace(Reference))
        {
            errors.Add(new FormError("Reference", "Enter your reference, like AF-000123"));
        }

        var hasPostcode = !string.IsNullOrWhiteSpace(Postcode);
        var hasDate = !string.IsNullOrWhiteSpace(BirthDay) || !string.IsNullOrWhiteSpace(BirthMonth) || !string.IsNullOrWhiteSpace(BirthYear);
        DateOnly? dateOfBirth = null;
        if (hasPostcode && hasDate)
        {
            errors.Add(new FormError("Postcode", "Enter your postcode or your date of birth, not both"));
        }
        else if (!hasPostcode && !hasDate)
        {
            errors.Add(new FormError("Postcode", "Enter your postcode or your date of birth"));
        }
        else if (hasDate)
        {
            dateOfBirth = StatusCheck.ParseDate($"{BirthDay?.Trim()}/{BirthMonth?.Trim()}/{BirthYear?.Trim()}");
            if (dateOfBirth is null)
            {
                errors.Add(new FormError("BirthDay", "Date of birth must be a real date, like 27 3 1950"));
            }
        }

        if (errors.Count > 0)
        {
            return Refuse(errors, StatusCodes.Status400BadRequest);
        }

        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = await lookup.LookUpAsync(Reference!, hasPostcode ? Postcode : null, dateOfBirth, client, cancellationToken);
        return result.Outcome switch
        {
            StatusLookupOutcome.Found => Redirect("/status/" + links.For(result.ItemId)),
            StatusLookupOutcome.Limited => Refuse([new FormError("Reference", LimitedMessage)], StatusCodes.Status429TooManyRequests),
            _ => Refuse([new FormError("Reference", NotFoundMessage)], StatusCodes.Status200OK),
        };
    }

    private PageResult Refuse(IReadOnlyList<FormError> errors, int status)
    {
        Errors = errors;
        ViewData["Errors"] = errors;
        Response.StatusCode = status;
        return Page();
    }
}
