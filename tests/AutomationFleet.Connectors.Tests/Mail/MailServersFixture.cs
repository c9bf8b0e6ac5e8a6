using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AutomationFleet.Connectors.Tests.Mail;

/// <summary>
/// Starts Debian's Dovecot (IMAP) and aiosmtpd (SMTP, writing a maildir) on loopback, each with a
/// private configuration in a temporary folder, and kills them on dispose. Fails with the package to
/// install when either is missing.
/// </summary>
public sealed class MailServersFixture : IAsyncLifetime
{
    private const string DovecotPath = "/usr/sbin/dovecot";
    private const string DebianPython = "/usr/bin/python3";
    private const string AiosmtpdModule = "/usr/lib/python3/dist-packages/aiosmtpd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly StringBuilder _dovecotOutput = new();
    private readonly StringBuilder _smtpOutput = new();
    private Process? _dovecot;
    private Process? _smtp;
    private int _users;

    /// <summary>The private folder holding both servers' configuration and mail.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "af-mail-" + Guid.NewGuid().ToString("N")[..12]);

    public int ImapPort { get; private set; }

    public int SmtpPort { get; private set; }

    /// <summary>The maildir aiosmtpd writes every received message to.</summary>
    public string SmtpMaildir => Path.Combine(Root, "smtp-maildir");

    private string UsersFile => Path.Combine(Root, "users");

    private string ConfigFile => Path.Combine(Root, "dovecot.conf");

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The mail tests run Debian's Dovecot and aiosmtpd: Linux only.");
        }

        if (!File.Exists(DovecotPath) || !File.Exists("/usr/lib/dovecot/imap"))
        {
            throw new InvalidOperationException(
                "Dovecot IMAP is not installed: run `apt-get install -y dovecot-imapd` (Debian package dovecot-imapd).");
        }

        if (!File.Exists(DebianPython) || !Directory.Exists(AiosmtpdModule))
        {
            throw new InvalidOperationException(
                "aiosmtpd is not installed for Debian's python: run `apt-get install -y python3-aiosmtpd`.");
        }

        Directory.CreateDirectory(Root);
        File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var mail = Directory.CreateDirectory(Path.Combine(Root, "mail")).FullName;

        // Dovecot never gives mail access to uid 0: as root, mail is kept as the dovecot user, which must be able to write here.
        File.SetUnixFileMode(mail, (UnixFileMode)0b111_111_111);
        Directory.CreateDirectory(Path.Combine(Root, "run"));
        await File.WriteAllTextAsync(UsersFile, "");
        File.SetUnixFileMode(UsersFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        ImapPort = FreePort();
        SmtpPort = FreePort();
        await File.WriteAllTextAsync(ConfigFile, DovecotConfig(mail));
        await StartImapAsync();
        await StartSmtpAsync();
    }

    /// <summary>Adds an IMAP account with an empty mailbox of its own; returns its name and password.</summary>
    public async Task<(string User, string Password)> AddUserAsync()
    {
        var n = Interlocked.Increment(ref _users);
        var user = $"user{n}";
        var password = $"secret-{n}";
        await File.AppendAllTextAsync(UsersFile, $"{user}:{{PLAIN}}{password}::::::\n");
        return (user, password);
    }

    public async Task StartImapAsync()
    {
        _dovecot = Start(DovecotPath, ["-F", "-c", ConfigFile], _dovecotOutput);
        await WaitForPortAsync(ImapPort, _dovecot, () => _dovecotOutput + ReadLog());
    }

    /// <summary>Kills Dovecot and all its processes at once, as a crash or a network drop would.</summary>
    public async Task KillImapAsync()
    {
        if (_dovecot is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The one recipient the SMTP server refuses with 550 5.1.1 (no such mailbox).</summary>
    public const string RejectedRecipient = "nobody@council.example";

    /// <summary>The messages aiosmtpd has received so far.</summary>
    public IReadOnlyList<string> ReceivedMessageFiles()
    {
        var folder = Path.Combine(SmtpMaildir, "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList() : [];
    }

    public async Task DisposeAsync()
    {
        await KillImapAsync();
        if (_smtp is { HasExited: false } smtp)
        {
            smtp.Kill(entireProcessTree: true);
            await smtp.WaitForExitAsync();
        }

        _dovecot?.Dispose();
        _smtp?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by an exiting server; the temp folder is cleaned by the OS.
        }
    }

    private async Task StartSmtpAsync()
    {
        // aiosmtpd's Mailbox handler, except that it answers RCPT for RejectedRecipient with a permanent 550, as a real
        // server does for a mailbox that does not exist.
        await File.WriteAllTextAsync(Path.Combine(Root, "af_test_smtp.py"), $$"""
            from aiosmtpd.handlers import Mailbox

            class RejectingMailbox(Mailbox):
                async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                    if address.lower() == "{{RejectedRecipient}}":
                        return "550 5.1.1 No such mailbox"
                    envelope.rcpt_tos.append(address)
                    return "250 OK"
            """);
        _smtp = Start(
            DebianPython,
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{SmtpPort}", "-c", "af_test_smtp.RejectingMailbox", SmtpMaildir],
            _smtpOutput,
            workingDirectory: Root);
        await WaitForPortAsync(SmtpPort, _smtp, () => _smtpOutput.ToString());
    }

    private string DovecotConfig(string mail)
    {
        var root = Environment.UserName == "root";
        var mailUser = root ? "dovecot" : Environment.UserName;
        var loginUser = root ? "dovenull" : Environment.UserName;
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{Root}}/run
            state_dir = {{Root}}/run/state
            instance_name = af-test-{{Path.GetFileName(Root)}}
            log_path = {{Root}}/dovecot.log
            info_log_path = {{Root}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            auth_failure_delay = 0
            default_internal_user = {{mailUser}}
            default_login_user = {{loginUser}}
            mail_uid = {{mailUser}}
            mail_gid = {{mailUser}}
            first_valid_uid = 1
            mail_location = maildir:{{mail}}/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{UsersFile}}
            }
            userdb {
              driver = static
              args = uid={{mailUser}} gid={{mailUser}} home={{mail}}/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{ImapPort}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """);
        return builder.ToString();
    }

    private string ReadLog()
    {
        var log = Path.Combine(Root, "dovecot.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    private static Process Start(string fileName, string[] arguments, StringBuilder output, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            // python -m puts the working directory on its module path, where the test's SMTP handler is.
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static async Task WaitForPortAsync(int port, Process process, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{process.StartInfo.FileName} exited with code {process.ExitCode} before listening on {port}:\n{diagnostics()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"{process.StartInfo.FileName} did not listen on {port} within {StartTimeout}:\n{diagnostics()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
