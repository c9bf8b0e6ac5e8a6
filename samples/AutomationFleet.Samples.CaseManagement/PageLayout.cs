using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace AutomationFleet.Samples.CaseManagement;

/// <summary>The server-rendered HTML every page shares: a plain legacy look, the signed-in user, and form tokens.</summary>
public static class PageLayout
{
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static IResult Page(HttpContext context, string title, string body, int status = 200)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        var header = user is null
            ? ""
            : $"""
              <div id="user-bar">Signed in as <span id="signed-in-as">{E(user)}</span>
              <form method="post" action="/sign-out" style="display:inline">{Token(context)}<button id="sign-out">Sign out</button></form>
              <a href="/people">Search people</a></div>
              """;
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{E(title)} - Social Care Case Management</title>
            <style>body{"{"}font-family:Verdana,sans-serif;font-size:13px;margin:1em{"}"} table{"{"}border-collapse:collapse{"}"} td,th{"{"}border:1px solid #999;padding:2px 6px{"}"} pre{"{"}white-space:pre-wrap{"}"}</style>
            </head><body>
            <div id="banner"><b>Social Care Case Management</b> v4.2 (sample system: fictitious data)</div>
            {header}
            <hr>
            {body}
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>The hidden anti-forgery field every form carries.</summary>
    public static string Token(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"""<input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">""";
    }
}
