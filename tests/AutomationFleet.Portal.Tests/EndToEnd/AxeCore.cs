using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.EndToEnd;

/// <summary>
/// axe-core from npm, installed once per machine into the test output folder (<c>npm install axe-core@Version</c>), and
/// run inside the page. The portal's CSP refuses injected script, so pages checked here use a context that bypasses CSP.
/// </summary>
internal static class AxeCore
{
    public const string Version = "4.14.1";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<string> ScriptPathAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "axe-core-" + Version);
        var script = Path.Combine(folder, "node_modules", "axe-core", "axe.min.js");
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(script))
            {
                Directory.CreateDirectory(folder);
                var start = new ProcessStartInfo("npm", ["install", "axe-core@" + Version, "--no-audit", "--no-fund", "--loglevel=error", "--prefix", folder])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using var npm = Process.Start(start)!;
                var error = npm.StandardError.ReadToEndAsync();
                await npm.StandardOutput.ReadToEndAsync();
                await npm.WaitForExitAsync();
                if (npm.ExitCode != 0 || !File.Exists(script))
                {
                    throw new InvalidOperationException($"npm install axe-core@{Version} failed ({npm.ExitCode}): {await error}");
                }
            }
        }
        finally
        {
            InstallLock.Release();
        }

        return script;
    }

    /// <summary>The serious and critical WCAG 2.x A/AA violations on the page, one line each.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = await ScriptPathAsync() });
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
            }
            """);
        return json.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")
            .ToList();
    }
}
