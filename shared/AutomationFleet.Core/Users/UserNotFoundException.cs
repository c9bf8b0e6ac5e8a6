namespace AutomationFleet.Core.Users;

/// <summary>No account has that name.</summary>
public sealed class UserNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception for <paramref name="name"/>.</summary>
    public UserNotFoundException(string name)
        : base($"No account is named '{name}'.")
    {
    }
}
