namespace AutomationFleet.Core.Updates;

/// <summary>
/// A GOV.UK Notify API key, <c>{key name}-{service id}-{secret key}</c>: the service id and the secret are the last two
/// GUIDs (36 characters each), as Notify's own clients read it.
/// </summary>
/// <param name="ServiceId">The service id (the JWT's <c>iss</c>).</param>
/// <param name="SecretKey">The secret the JWT is signed with.</param>
public sealed record NotifyApiKey(string ServiceId, string SecretKey)
{
    private const int GuidLength = 36;

    /// <summary>Reads a key; false for anything that does not end in two GUIDs.</summary>
    public static bool TryParse(string? value, out NotifyApiKey? key)
    {
        key = null;
        if (value is null || value.Length < (2 * GuidLength) + 1)
        {
            return false;
        }

        var secret = value[^GuidLength..];
        var service = value[^((2 * GuidLength) + 1)..^(GuidLength + 1)];
        if (!Guid.TryParse(secret, out _) || !Guid.TryParse(service, out _) || value[^(GuidLength + 1)] != '-')
        {
            return false;
        }

        key = new NotifyApiKey(service, secret);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"NotifyApiKey {{ ServiceId = {ServiceId} }}";
}
