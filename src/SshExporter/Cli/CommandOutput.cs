using System.Text.Encodings.Web;
using System.Text.Json;

namespace SshExporter.Cli;

/// <summary>How <c>probe</c> and <c>diagnose</c> print what they found: <c>--output text</c> for a person, <c>json</c> for scripts.</summary>
public enum OutputFormat
{
    Text,
    Json,
}

/// <summary>Prints a command's findings in the chosen format.</summary>
internal static class CommandOutput
{
    public static readonly string[] Formats = ["text", "json"];

    /// <summary>The state's colour on a terminal that shows it; none when the output is a file or a pipe, or NO_COLOR is set (no-color.org).</summary>
    public static bool Colour => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null or "";

    public static OutputFormat Parse(string? format) => format == "json" ? OutputFormat.Json : OutputFormat.Text;

    /// <summary>Writes <paramref name="json"/> as one document, or <paramref name="text"/>'s verdict first and then its details.</summary>
    public static async Task WriteAsync(TextWriter output, OutputFormat format, JsonReport json, Func<Task<string>> text)
    {
        await output.WriteAsync(format == OutputFormat.Json
            ? JsonSerializer.Serialize(json, Relaxed().JsonReport) + "\n"
            : await text());
    }

    /// <summary>
    /// Quotes and apostrophes as they are: the document goes to a script or a terminal, never into HTML, and the
    /// commands it holds should read as the person will type them. Made on use: the server never loads the JSON
    /// assemblies for it (each loaded assembly holds a descriptor, which the socket budget counts).
    /// </summary>
    private static JsonReportContext Relaxed() => new(new JsonSerializerOptions(JsonReportContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
