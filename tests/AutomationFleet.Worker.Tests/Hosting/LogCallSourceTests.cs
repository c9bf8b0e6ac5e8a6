using System.Text.RegularExpressions;

namespace AutomationFleet.Worker.Tests.Hosting;

/// <summary>
/// The fleet's logging writes an exception's type and stack, never its message (<c>FleetLogging</c>); that protects only
/// exceptions handed to the logger as exceptions. A call that puts a message into a property (<c>{Problem}</c> fed
/// <c>exception.Message</c>) goes around it, so the source is searched for such calls.
/// </summary>
public sealed partial class LogCallSourceTests
{
    [Fact]
    public void LogCalls_InSharedBotsAndWorkers_NeverPassAMessageAsAProperty()
    {
        var offenders = new List<string>();
        foreach (var folder in new[] { "shared", "bots", "workers" })
        {
            foreach (var file in Directory.EnumerateFiles(RepositoryFiles.Path(folder), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains("/bin/", StringComparison.Ordinal) || file.Contains("/obj/", StringComparison.Ordinal))
                {
                    continue;
                }

                var source = File.ReadAllText(file);
                foreach (Match call in LogCall().Matches(source))
                {
                    var arguments = Arguments(source, call.Index + call.Length);
                    if (MessageProperty().IsMatch(arguments))
                    {
                        var line = source.AsSpan(0, call.Index).Count('\n') + 1;
                        offenders.Add($"{Path.GetRelativePath(RepositoryFiles.Path(), file)}:{line}");
                    }
                }
            }
        }

        Assert.True(offenders.Count == 0, "Log calls that pass a .Message: " + string.Join(", ", offenders));
    }

    // The text between a call's opening parenthesis and its matching closing one.
    private static string Arguments(string source, int start)
    {
        var depth = 1;
        for (var i = start; i < source.Length; i++)
        {
            depth += source[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return source[start..i];
            }
        }

        return source[start..];
    }

    [GeneratedRegex(@"\.Log(Trace|Debug|Information|Warning|Error|Critical)?\(")]
    private static partial Regex LogCall();

    [GeneratedRegex(@"\.Message\b")]
    private static partial Regex MessageProperty();
}
