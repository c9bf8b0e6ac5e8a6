using System.Runtime.InteropServices;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Files;

namespace AutomationFleet.Bots.Updates.Channels;

/// <summary>
/// The outbox folder updates are written to while SMTP is off. Each file is put in place once by
/// <see cref="WriteOnceFile"/> (written beside its name, its data synced, renamed without overwriting); then the folder
/// itself is synced, so the new name survives a power cut before the ledger records the update as sent. Writes that
/// finish while a folder sync is running share the next one (a group commit): concurrent senders pay one folder sync
/// per group, not one each, and every write still waits for a sync that began after its rename.
/// </summary>
internal sealed partial class OutboxFolder(string path)
{
    private readonly string _path = Path.GetFullPath(path);
    private readonly Lock _gate = new();
    private Task _syncing = Task.CompletedTask;
    private Task? _next;

    /// <summary>The folder's full path.</summary>
    public string FullPath => _path;

    /// <summary>
    /// Writes <paramref name="fileName"/> unless it is there, then waits until its name is on disk. True when this call
    /// put it in place; false when it was already there (a redo), which is synced as well before returning.
    /// </summary>
    public async Task<bool> WriteOnceAsync(string fileName, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        OwnerOnly.CreateFolder(_path);
        var written = await WriteOnceFile.WriteAsync(Path.Combine(_path, fileName), write, cancellationToken);
        await SyncFolderAsync();
        return written;
    }

    private Task SyncFolderAsync()
    {
        lock (_gate)
        {
            return _next ??= SyncAfterAsync(_syncing);
        }
    }

    private async Task SyncAfterAsync(Task previous)
    {
        // Always yields, so the caller has left the lock (and set _next) before this takes it.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        lock (_gate)
        {
            // From here on a new write waits for the sync after this one: its rename may come after this fsync.
            _syncing = _next!;
            _next = null;
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Open(_path, OpenReadOnly | OpenCloseOnExec);
        if (folder < 0)
        {
            throw new IOException($"Could not open the outbox folder to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(folder) != 0)
            {
                throw new IOException($"Could not sync the outbox folder (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(folder);
        }
    }

    // open(2) flags, the same on every Linux architecture .NET runs on.
    private const int OpenReadOnly = 0;
    private const int OpenCloseOnExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
