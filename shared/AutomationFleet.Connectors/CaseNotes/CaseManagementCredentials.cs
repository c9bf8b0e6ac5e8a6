namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// The account the connector signs in with. It comes from a secret file (<see cref="CaseManagementOptions.UsernameFile"/>,
/// <see cref="CaseManagementOptions.PasswordFile"/>) or else the environment (<see cref="UserVariable"/>,
/// <see cref="PasswordVariable"/>), never from a configuration file in git.
/// </summary>
public sealed class CaseManagementCredentials
{
    /// <summary>Environment variable with the user name.</summary>
    public const string UserVariable = "FLEET_CASE_MANAGEMENT_USER";

    /// <summary>Environment variable with the password.</summary>
    public const string PasswordVariable = "FLEET_CASE_MANAGEMENT_PASSWORD";

    private CaseManagementCredentials(string username, string password)
    {
        Username = username;
        Password = password;
    }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The password.</summary>
    public string Password { get; }

    /// <summary>Reads the credentials; throws naming every missing source.</summary>
    public static CaseManagementCredentials Read(CaseManagementOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        var user = ReadOne(options.UsernameFile, "UsernameFile", UserVariable, environment, problems);
        var password = ReadOne(options.PasswordFile, "PasswordFile", PasswordVariable, environment, problems);
        return problems.Count == 0 ? new CaseManagementCredentials(user!, password!) : throw new InvalidOperationException(string.Join(" ", problems));
    }

    /// <summary>What stops the credentials being read, one sentence each (empty when they can be).</summary>
    public static IReadOnlyList<string> Problems(CaseManagementOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        ReadOne(options.UsernameFile, "UsernameFile", UserVariable, environment, problems);
        ReadOne(options.PasswordFile, "PasswordFile", PasswordVariable, environment, problems);
        return problems;
    }

    /// <summary>Never shows the password.</summary>
    public override string ToString() => $"{Username} (password hidden)";

    private static string? ReadOne(string? file, string setting, string variable, Func<string, string?> environment, List<string> problems)
    {
        var path = $"{CaseManagementOptions.SectionName}:{setting}";
        if (!string.IsNullOrWhiteSpace(file))
        {
            if (!File.Exists(file))
            {
                problems.Add($"{path} names {file}, which does not exist.");
                return null;
            }

            // A secret file usually ends in a newline that is not part of the secret.
            var value = File.ReadAllText(file).TrimEnd('\r', '\n');
            if (value.Length == 0)
            {
                problems.Add($"{path} names {file}, which is empty.");
                return null;
            }

            return value;
        }

        var fromEnvironment = environment(variable);
        if (string.IsNullOrEmpty(fromEnvironment))
        {
            problems.Add($"Neither {path} nor the environment variable {variable} is set.");
            return null;
        }

        return fromEnvironment;
    }
}
