using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// Finds out, once, how strong a boundary this machine allows the sandbox child: a network namespace of its own
/// (util-linux <c>unshare --net</c> as root, <c>unshare --user --net</c> otherwise — tried for real, as kernels and
/// container runtimes differ), and a user of its own (<c>setpriv</c> to <see cref="DocumentSandboxOptions.User"/>, or
/// <c>nobody</c>, when the worker is root). Returns the isolation and the command prefix that gets it.
/// </summary>
internal static partial class SandboxIsolationProbe
{
    public const string DefaultUserWhenRoot = "nobody";
    private static readonly string[] ToolDirectories = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];

    public static (DocumentSandboxIsolation Isolation, IReadOnlyList<string> Prefix) Detect(DocumentSandboxOptions options)
    {
        var warnings = new List<string>();
        var errors = new List<string>();
        var prefix = new List<string>();
        var isRoot = IsRoot();

        var unshare = FindTool("unshare");
        string[] network = unshare is null ? [] : isRoot ? [unshare, "--net"] : [unshare, "--user", "--net"];
        var networkProblem = unshare is null ? "unshare (util-linux) is not installed" : TryRun([.. network, "true"]);
        if (networkProblem is null)
        {
            prefix.AddRange(network);
        }
        else if (options.AllowWithoutNetworkIsolation)
        {
            warnings.Add($"the document sandbox runs WITH network access: this machine cannot give it a network namespace of its own ({networkProblem}); Documents:Sandbox:AllowWithoutNetworkIsolation is true");
        }
        else
        {
            errors.Add($"Documents:Sandbox: this machine cannot give the document sandbox a network namespace of its own ({networkProblem}); allow user namespaces or run the worker as root, or set Documents:Sandbox:AllowWithoutNetworkIsolation=true to read documents with the network reachable from the sandbox");
        }

        var user = string.IsNullOrWhiteSpace(options.User) ? (isRoot ? DefaultUserWhenRoot : null) : options.User.Trim();
        string? runAs = null;
        if (user is null)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"the worker is not root, so the document sandbox runs as the worker's own user (uid {geteuid()}) and can read whatever the worker can, the store included: it is given no store path, secret or network and starts in an empty folder, but only file permissions keep it out of the store (run the worker as root with Documents:Sandbox:User to drop it to a user of its own)"));
        }
        else if (!isRoot)
        {
            errors.Add($"Documents:Sandbox:User is '{user}', but the worker is not root, so it cannot start the sandbox as another user (remove the setting, or run the worker as root)");
        }
        else if (FindUser(user) is not { } ids)
        {
            errors.Add($"Documents:Sandbox:User '{user}' is not a user on this machine");
        }
        else if (ids.Uid == 0)
        {
            errors.Add($"Documents:Sandbox:User '{user}' is root; the sandbox must run as an unprivileged user");
        }
        else if (FindTool("setpriv") is not { } setpriv)
        {
            errors.Add($"Documents:Sandbox:User: setpriv (util-linux) is needed to run the sandbox as '{user}', and it is not installed");
        }
        else
        {
            runAs = user;
            prefix.AddRange([
                setpriv,
                string.Create(CultureInfo.InvariantCulture, $"--reuid={ids.Uid}"),
                string.Create(CultureInfo.InvariantCulture, $"--regid={ids.Gid}"),
                "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--",
            ]);
        }

        return (new DocumentSandboxIsolation(networkProblem is null, runAs, warnings, errors), prefix);
    }

    public static bool IsRoot() => OperatingSystem.IsLinux() && geteuid() == 0;

    /// <summary>An absolute path to a util-linux tool: the child's environment has no PATH to search.</summary>
    public static string? FindTool(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(ToolDirectories)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Null when the command ran and exited 0; otherwise why not (its first line of stderr).</summary>
    private static string? TryRun(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return $"{Path.GetFileName(command[0])} did not start";
            }

            var errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return $"{string.Join(' ', command.Select(Path.GetFileName))} did not finish in 10 s";
            }

            if (process.ExitCode == 0)
            {
                return null;
            }

            var line = errors.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim();
            return string.Create(CultureInfo.InvariantCulture, $"{string.Join(' ', command.Skip(1).SkipLast(1))} failed: {line ?? $"exit code {process.ExitCode}"}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{command[0]} could not be run: {ex.Message}";
        }
    }

    private static (uint Uid, uint Gid)? FindUser(string name)
    {
        // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ... }: the ids follow two pointers.
        var entry = getpwnam(name);
        if (entry == IntPtr.Zero)
        {
            return null;
        }

        var uid = (uint)Marshal.ReadInt32(entry, 2 * IntPtr.Size);
        var gid = (uint)Marshal.ReadInt32(entry, (2 * IntPtr.Size) + 4);
        return (uid, gid);
    }

    [LibraryImport("libc")]
    private static partial uint geteuid();

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getpwnam(string name);
}
