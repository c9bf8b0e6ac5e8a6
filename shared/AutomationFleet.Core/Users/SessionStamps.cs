using System.Security.Cryptography;

namespace AutomationFleet.Core.Users;

/// <summary>New session stamps (<see cref="UserAccount.SessionStamp"/>), made once here for every store.</summary>
public static class SessionStamps
{
    /// <summary>A new random stamp (128 bits, hex).</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
