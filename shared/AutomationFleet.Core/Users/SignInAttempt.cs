namespace AutomationFleet.Core.Users;

/// <summary>What <see cref="IUserStore.BeginSignInAttemptAsync"/> decided about one password attempt.</summary>
public enum SignInAttempt
{
    /// <summary>No account has the name.</summary>
    UnknownAccount = 0,

    /// <summary>The account is locked: the password must not be checked.</summary>
    Locked = 1,

    /// <summary>Counted: the password may be checked (a success clears the count).</summary>
    Allowed = 2,

    /// <summary>Counted, and it was the last one allowed: the account is now locked unless this password is right.</summary>
    AllowedThenLocked = 3,
}
