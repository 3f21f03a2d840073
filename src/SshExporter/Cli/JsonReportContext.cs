using System.Text.Json.Serialization;

namespace SshExporter.Cli;

/// <summary>The serializer of <see cref="JsonReport"/>, generated at build time: its names are fixed here, not by reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(JsonReport))]
internal sealed partial class JsonReportContext : JsonSerializerContext;
