namespace AutomationFleet.PublicSite.Tests.Security;

/// <summary>
/// A form as a browser holds it between its GET and its POST: the anti-forgery cookie's value (sent by hand: it is
/// <c>__Host-</c> and Secure, which <c>CookieContainer</c> will not send over http) and the page's hidden token.
/// </summary>
internal sealed record IssuedForm(string CookieValue, string Token);
