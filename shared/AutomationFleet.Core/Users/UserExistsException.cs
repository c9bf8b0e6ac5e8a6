namespace AutomationFleet.Core.Users;

/// <summary>An account with that name exists already.</summary>
public sealed class UserExistsException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="name"/>.</summary>
    public UserExistsException(string name)
        : base($"An account named '{name}' exists already.")
    {
    }
}
