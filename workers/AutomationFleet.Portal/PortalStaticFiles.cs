using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace AutomationFleet.Portal;

/// <summary>The portal's one stylesheet and one small script (keyboard shortcuts, live recalculation), served from the assembly.</summary>
internal static class PortalStaticFiles
{
    private static readonly FrozenDictionary<string, (string ContentType, byte[] Content)> Files = Load();

    public static IResult Serve(string file, HttpContext context)
    {
        if (!Files.TryGetValue(file, out var entry))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(entry.Content, entry.ContentType);
    }

    private static FrozenDictionary<string, (string, byte[])> Load()
    {
        var assembly = typeof(PortalStaticFiles).Assembly;
        const string prefix = "AutomationFleet.Portal.Static.";
        var files = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var file = name[prefix.Length..];
            var type = file.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            files[file] = (type, memory.ToArray());
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
