using System.Text.Json.Serialization;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Sqlite;

/// <summary>Source-generated JSON for the list columns (attachments, reasons, queues), so the hot path does no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<AttachmentRef>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
