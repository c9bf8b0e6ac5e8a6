namespace AutomationFleet.Core.Users;

/// <summary>
/// Who the council's directory says a person is, independent of their user name: the token's issuer (<c>iss</c>) and
/// the directory's stable id for them (<c>sub</c>, or Entra ID's <c>oid</c>). A user name can be reused or renamed;
/// these cannot, so an account is bound to them at its first directory sign-in.
/// </summary>
/// <param name="Issuer">The id_token's <c>iss</c>.</param>
/// <param name="Subject">The id_token's <c>sub</c> (or <c>oid</c>).</param>
public sealed record ExternalIdentity(string Issuer, string Subject);
