using System.Text.Json.Serialization;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>Source-generated JSON for the sandbox protocol.</summary>
[JsonSerializable(typeof(SandboxResponse))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
