using System.Net;
using AutomationFleet.Core.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Bots.Updates.OptOut;

/// <summary>
/// The citizen's opt-out page, for a public web host to map (<c>app.MapUpdateOptOut()</c>); never the staff portal.
/// GET shows a one-button form (mail scanners that follow links must not opt anyone out); POST with a valid token stops
/// updates to that address and about that item, audited as <c>public:opt-out</c>. A bad token gets 400 and changes nothing.
/// The pages set no cookie and need no script.
/// </summary>
public static class UpdateOptOutEndpoints
{
    /// <summary>The actor opt-outs from the page are audited as.</summary>
    public const string Actor = "public:opt-out";

    /// <summary>Maps GET and POST <paramref name="pattern"/>. Needs <see cref="UpdatesServiceCollectionExtensions.AddUpdateOptOut"/>.</summary>
    public static IEndpointConventionBuilder MapUpdateOptOut(this IEndpointRouteBuilder endpoints, string pattern = "/updates/opt-out")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(pattern);
        group.MapGet("", (string? token, OptOutToken tokens) =>
            tokens.Read(token) is null
                ? Page(HttpStatusCode.BadRequest, "This link is not valid", "<p class=\"govuk-body\">The link may have been copied incompletely. Nothing has been changed.</p>")
                : Page(
                    HttpStatusCode.OK,
                    "Stop e-mail updates about your case",
                    $"<p class=\"govuk-body\">We will stop sending you updates about this case. It will still be dealt with.</p>"
                    + $"<form method=\"post\"><input type=\"hidden\" name=\"token\" value=\"{WebUtility.HtmlEncode(token)}\">"
                    + "<button type=\"submit\" class=\"govuk-button\">Stop updates</button></form>"));
        group.MapPost("", async (HttpRequest request, OptOutToken tokens, IUpdateStore store, CancellationToken cancellationToken) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
            if (tokens.Read(form?["token"]) is not { } optOut)
            {
                return Page(HttpStatusCode.BadRequest, "This link is not valid", "<p class=\"govuk-body\">Nothing has been changed.</p>");
            }

            await store.OptOutAsync(optOut, Actor, cancellationToken);
            return Page(HttpStatusCode.OK, "You will get no more updates", "<p class=\"govuk-body\">We will not e-mail you updates about this case again.</p>");
        })

        // No anti-forgery cookie: the signed token in the form is the only credential, and whoever holds it could post it anyway.
        .DisableAntiforgery();
        return group;
    }

    private static IResult Page(HttpStatusCode status, string title, string body) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{WebUtility.HtmlEncode(title)}</title></head><body><main><h1 class=\"govuk-heading-l\">{WebUtility.HtmlEncode(title)}</h1>{body}</main></body></html>",
            "text/html; charset=utf-8",
            statusCode: (int)status);
}
