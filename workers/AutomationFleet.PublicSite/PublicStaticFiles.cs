using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace AutomationFleet.PublicSite;

/// <summary>The site's stylesheets (GOV.UK Frontend's, compiled and pinned, and the site's own), served from the assembly.</summary>
internal static class PublicStaticFiles
{
    private static readonly FrozenDictionary<string, byte[]> Files = Load();

    public static IResult Serve(string file, HttpContext context)
    {
        if (!Files.TryGetValue(file, out var content))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(content, "text/css; charset=utf-8");
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(PublicStaticFiles).Assembly;
        const string Prefix = "AutomationFleet.PublicSite.Static.";
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            files[name[Prefix.Length..]] = memory.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
