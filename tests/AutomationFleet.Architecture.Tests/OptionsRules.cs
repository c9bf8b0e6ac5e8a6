using System.Text.RegularExpressions;

namespace AutomationFleet.Architecture.Tests;

/// <summary>
/// Options are validated once, at start-up (issue 13 §5): every options class bound from configuration
/// (<c>AddOptions&lt;T&gt;()…Bind…</c>) in <c>shared/</c>, <c>bots/</c> and <c>workers/</c> is validated on start
/// (<c>ValidateOnStart</c>) by something that runs — <c>ValidateDataAnnotations</c> or a registered
/// <c>IValidateOptions&lt;T&gt;</c> — and a class carrying validation attributes has <c>ValidateDataAnnotations</c>, or
/// its attributes never run. A validator is registered with <c>TryAddEnumerable</c>, so a second call of the same
/// <c>Add…()</c> cannot run it twice. Read from the source, as a reviewer would.
/// </summary>
public static partial class OptionsRules
{
    private static readonly string[] SourceFolders = ["shared", "bots", "workers"];

    /// <summary>Every broken rule under <paramref name="root"/>, one line each, naming the file and the options class.</summary>
    public static IReadOnlyList<string> Violations(string root)
    {
        var files = SourceFolders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(path => Path.GetRelativePath(root, path), File.ReadAllText);
        var all = string.Join('\n', files.Values);
        var violations = new List<string>();
        foreach (var (path, text) in files)
        {
            foreach (Match registration in Registration().Matches(text))
            {
                var type = registration.Groups["type"].Value;
                var chain = registration.Value;
                if (!chain.Contains(".Bind", StringComparison.Ordinal))
                {
                    continue; // configured in code from other options, not bound from configuration
                }

                var annotations = chain.Contains(".ValidateDataAnnotations()", StringComparison.Ordinal);
                var validator = all.Contains($"IValidateOptions<{type}>", StringComparison.Ordinal);
                if (!chain.Contains(".ValidateOnStart()", StringComparison.Ordinal))
                {
                    violations.Add($"{path}: {type} is bound without ValidateOnStart()");
                }

                if (!annotations && !validator && !OnlySwitches(files, type))
                {
                    violations.Add($"{path}: {type} is bound with no validator (neither ValidateDataAnnotations() nor an IValidateOptions<{type}>)");
                }

                if (!annotations && HasValidationAttributes(files, type))
                {
                    violations.Add($"{path}: {type} carries validation attributes but is bound without ValidateDataAnnotations(), so they never run");
                }
            }

            foreach (Match twice in PlainValidatorRegistration().Matches(text))
            {
                violations.Add($"{path}: IValidateOptions<{twice.Groups["type"].Value}> is registered with AddSingleton; use TryAddEnumerable so it runs once");
            }
        }

        return violations;
    }

    // A class of on/off switches needs no validator: binding is its check (a value that is not true or false fails at
    // start, named by its path, under ValidateOnStart).
    private static bool OnlySwitches(Dictionary<string, string> files, string type)
    {
        var name = type.Split('.')[^1];
        var source = files.Values.FirstOrDefault(text => Regex.IsMatch(text, $@"\bclass {Regex.Escape(name)}\b"));
        var properties = source is null ? [] : Property().Matches(source).Select(m => m.Groups["type"].Value).ToList();
        return properties.Count > 0 && properties.All(t => t == "bool");
    }

    private static bool HasValidationAttributes(Dictionary<string, string> files, string type)
    {
        var name = type.Split('.')[^1];
        return files.Values
            .Where(text => Regex.IsMatch(text, $@"\bclass {Regex.Escape(name)}\b"))
            .Any(text => ValidationAttribute().IsMatch(text));
    }

    // AddOptions<T>(…) and the chain of calls up to the end of the statement.
    [GeneratedRegex(@"AddOptions<(?<type>[\w.]+)>\([^;]*;", RegexOptions.Singleline)]
    private static partial Regex Registration();

    [GeneratedRegex(@"public (?<type>[\w.<>?\[\], ]+) \w+ \{ get; (set|init); \}")]
    private static partial Regex Property();

    [GeneratedRegex(@"AddSingleton<IValidateOptions<(?<type>[\w.]+)>")]
    private static partial Regex PlainValidatorRegistration();

    [GeneratedRegex(@"^\s*\[(Range|Required|MinLength|MaxLength|StringLength|RegularExpression|Url|EmailAddress|Length|ValidateObjectMembers|ValidateEnumeratedItems)\b", RegexOptions.Multiline)]
    private static partial Regex ValidationAttribute();
}
