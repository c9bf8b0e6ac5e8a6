namespace AutomationFleet.Architecture.Tests;

public sealed class OptionsRulesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-options-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Violations_ThisRepository_EveryBoundOptionsClassValidatedOnceAtStart()
    {
        var violations = OptionsRules.Violations(RepositoryRoot.Find());

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Violations_BoundWithoutValidatorOrWithDeadAttributes_EachNamed()
    {
        Write("shared/A/AOptions.cs", """
            public sealed class AOptions
            {
                [Range(1, 5)]
                public int N { get; set; }
            }
            """);
        Write("shared/A/BOptions.cs", "public sealed class BOptions { public int N { get; set; } }");
        Write("shared/A/Registration.cs", """
            services.AddOptions<AOptions>().BindConfiguration("A").ValidateOnStart();
            services.AddSingleton<IValidateOptions<AOptions>, AOptionsValidator>();
            services.AddOptions<BOptions>().BindConfiguration("B");
            """);

        var violations = OptionsRules.Violations(_root);

        Assert.Equal(4, violations.Count);
        Assert.Contains(violations, v => v.Contains("AOptions carries validation attributes but is bound without ValidateDataAnnotations()", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("IValidateOptions<AOptions> is registered with AddSingleton", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("BOptions is bound without ValidateOnStart()", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("BOptions is bound with no validator", StringComparison.Ordinal));
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
