using AutomationFleet.Documents.Sandbox;

namespace AutomationFleet.Documents.Tests.Sandbox;

public sealed class DocumentSandboxOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new DocumentSandboxOptionsValidator().Validate(null, new DocumentSandboxOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EverySettingBad_ReportsEachByItsPath()
    {
        var options = new DocumentSandboxOptions
        {
            MemoryLimitBytes = 1024,
            AddressSpaceLimitBytes = 1024L * 1024 * 1024,
            CpuTimeLimit = TimeSpan.Zero,
            MaxOutputBytes = 10,
            SandboxAssemblyPath = "/no/such/Sandbox.dll",
            DotnetHostPath = "/no/such/dotnet",
            User = " ",
        };

        var result = new DocumentSandboxOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Documents:Sandbox:MemoryLimitBytes", "Documents:Sandbox:AddressSpaceLimitBytes", "Documents:Sandbox:CpuTimeLimit",
                "Documents:Sandbox:MaxOutputBytes", "Documents:Sandbox:SandboxAssemblyPath", "Documents:Sandbox:DotnetHostPath",
                "Documents:Sandbox:User",
            ],
            result.Failures!.Select(f => f.Split(' ')[0]));
    }

    [Fact]
    public void Validate_AddressSpaceBelowTwiceHeapPlusRuntime_SaysHowMuchIsNeeded()
    {
        var options = new DocumentSandboxOptions { MemoryLimitBytes = 1024L * 1024 * 1024, AddressSpaceLimitBytes = 4L * 1024 * 1024 * 1024 };

        var failure = Assert.Single(new DocumentSandboxOptionsValidator().Validate(null, options).Failures!);

        Assert.Equal(
            "Documents:Sandbox:AddressSpaceLimitBytes is 4,294,967,296; it must be at least 2 x Documents:Sandbox:MemoryLimitBytes + 2.75 GB for the runtime's own reservations (5,100,273,664)",
            failure);
    }
}
