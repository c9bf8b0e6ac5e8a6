namespace AutomationFleet.Architecture.Tests;

/// <summary>The rules themselves, run against small repositories written to a temp folder.</summary>
public sealed class DependencyRulesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-arch-").FullName;

    public DependencyRulesTests()
    {
        WriteProject("shared/Core/Core.csproj");
        WriteProject("shared/Storage/Storage.csproj", "../Core/Core.csproj");
        WriteProject("bots/BotA/BotA.csproj", "../../shared/Core/Core.csproj");
        WriteProject("workers/Worker/Worker.csproj", "../../bots/BotA/BotA.csproj", "../../shared/Storage/Storage.csproj");
        WriteProject("tests/Worker.Tests/Worker.Tests.csproj", "../../workers/Worker/Worker.csproj");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Violations_AllowedShape_None()
    {
        Assert.Empty(DependencyRules.Violations(ProjectFile.LoadAll(_root)));
    }

    [Theory]
    [InlineData("shared/Bad/Bad.csproj", "../../bots/BotA/BotA.csproj", "shared libraries must not depend on bots")]
    [InlineData("shared/Bad/Bad.csproj", "../../workers/Worker/Worker.csproj", "nothing but tests may depend on workers")]
    [InlineData("bots/BotB/BotB.csproj", "../BotA/BotA.csproj", "a bot never references another bot")]
    [InlineData("bots/BotB/BotB.csproj", "../../workers/Worker/Worker.csproj", "nothing but tests may depend on workers")]
    [InlineData("workers/Portal/Portal.csproj", "../Worker/Worker.csproj", "nothing but tests may depend on workers")]
    [InlineData("workers/Portal/Portal.csproj", "../../tests/Worker.Tests/Worker.Tests.csproj", "only tests may reference tests")]
    [InlineData("bots/BotB/BotB.csproj", "../../tests/Worker.Tests/Worker.Tests.csproj", "only tests may reference tests")]
    public void Violations_WrongWayReference_Reported(string project, string reference, string expectedReason)
    {
        WriteProject(project, reference);

        var violation = Assert.Single(DependencyRules.Violations(ProjectFile.LoadAll(_root)));

        Assert.Contains(project.Replace('/', Path.DirectorySeparatorChar), violation, StringComparison.Ordinal);
        Assert.Contains(expectedReason, violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bots/BotB/BotB.csproj", true)]
    [InlineData("shared/Bad/Bad.csproj", true)]
    [InlineData("workers/Portal/Portal.csproj", false)]
    [InlineData("tests/Web.Tests/Web.Tests.csproj", false)]
    public void Violations_ReferenceToSharedWebLibrary_OnlyWorkersAndTestsAllowed(string project, bool reported)
    {
        WriteProject(DependencyRules.WebLibrary, "../../shared/Core/Core.csproj");
        var depth = string.Concat(Enumerable.Repeat("../", project.Count(c => c == '/')));
        WriteProject(project, depth + DependencyRules.WebLibrary);

        var violations = DependencyRules.Violations(ProjectFile.LoadAll(_root));

        if (reported)
        {
            Assert.Contains("free of ASP.NET Core", Assert.Single(violations), StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(violations);
        }
    }

    [Fact]
    public void Violations_WorkerHostsPortalLibrary_None()
    {
        WriteProject("workers/AutomationFleet.Portal/AutomationFleet.Portal.csproj", "../../shared/Core/Core.csproj");
        WriteProject("workers/AutomationFleet.Worker/AutomationFleet.Worker.csproj", "../AutomationFleet.Portal/AutomationFleet.Portal.csproj");

        Assert.Empty(DependencyRules.Violations(ProjectFile.LoadAll(_root)));
    }

    [Theory]
    [InlineData("workers/Other/Other.csproj")]
    [InlineData("bots/BotB/BotB.csproj")]
    [InlineData("shared/Bad/Bad.csproj")]
    public void Violations_OtherProjectReferencesPortalLibrary_Reported(string project)
    {
        WriteProject("workers/AutomationFleet.Portal/AutomationFleet.Portal.csproj", "../../shared/Core/Core.csproj");
        var depth = string.Concat(Enumerable.Repeat("../", project.Count(c => c == '/')));
        WriteProject(project, depth + "workers/AutomationFleet.Portal/AutomationFleet.Portal.csproj");

        var violation = Assert.Single(DependencyRules.Violations(ProjectFile.LoadAll(_root)));

        Assert.Contains("nothing but tests may depend on workers", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadAll_PackageReferenceWithVersion_ReportsPackage()
    {
        var path = Path.Combine(_root, "shared", "Pinned", "Pinned.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Serilog" Version="4.4.0" />
                <PackageReference Include="Polly.Core" />
              </ItemGroup>
            </Project>
            """);

        var pinned = ProjectFile.LoadAll(_root).Single(p => p.Name == "Pinned");

        Assert.Equal(["Serilog"], pinned.VersionedPackages);
    }

    [Fact]
    public void LoadAll_ProjectsUnderBinOrObj_Skipped()
    {
        WriteProject("workers/Worker/obj/Generated.csproj", "../../../tests/Worker.Tests/Worker.Tests.csproj");

        Assert.DoesNotContain(ProjectFile.LoadAll(_root), p => p.Name == "Generated");
    }

    private void WriteProject(string relativePath, params string[] references)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var items = string.Concat(references.Select(r => $"""<ProjectReference Include="{r}" />"""));
        File.WriteAllText(path, $"""<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>{items}</ItemGroup></Project>""");
    }
}
