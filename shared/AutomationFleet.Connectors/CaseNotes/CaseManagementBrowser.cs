using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// The worker's one Chromium, launched on first use and closed with the host; relaunched if it dies. Each note gets a
/// context of its own (its own trace), started from the signed-in session the last sign-in left, so a note costs a
/// sign-in only when the system's session has ended.
/// </summary>
public sealed class CaseManagementBrowser : IAsyncDisposable, IDisposable
{
    private readonly CaseManagementOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private volatile string? _session;
    private int _launches;
    private int _disposed;

    /// <summary>Creates the holder; nothing is launched yet.</summary>
    public CaseManagementBrowser(IOptions<CaseManagementOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>How many times Chromium was launched (1 while it stays up).</summary>
    public int Launches => Volatile.Read(ref _launches);

    /// <summary>A new context carrying the remembered signed-in session, if any.</summary>
    public async Task<IBrowserContext> NewContextAsync(CancellationToken cancellationToken)
    {
        var browser = await BrowserAsync(cancellationToken);
        return await browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = _session,
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
        });
    }

    /// <summary>Keeps a context's cookies after it signed in, for the contexts that follow.</summary>
    public async Task RememberSessionAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _session = await context.StorageStateAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _gate.Dispose();
    }

    /// <summary>
    /// For a container disposed synchronously (a ServiceProvider's Dispose refuses a singleton that is only
    /// IAsyncDisposable); closing the browser has no synchronous API, so this waits for the asynchronous close.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } launched)
            {
                return launched;
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = _options.ChromiumPath,
                Headless = true,
                // --no-sandbox: the worker may run as root in a container, where Chromium's sandbox cannot start.
                // The rest keep it off the network except for the system it drives.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
            });
            Interlocked.Increment(ref _launches);
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }
}
