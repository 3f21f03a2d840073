using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace SshExporter.Config;

/// <summary>
/// Turns a YamlDotNet exception into <c>source:line:col: reason</c>, the reason in the user's terms:
/// no .NET type names, no parser event names, no second position.
/// </summary>
internal static partial class YamlErrorText
{
    [GeneratedRegex("Property '(?<key>[^']*)' not found on type", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownProperty();

    [GeneratedRegex("^Encountered duplicate key (?<key>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DuplicateKey();

    // YamlDotNet's shape mismatches name parser events or .NET types; these pick out what was expected and found.
    [GeneratedRegex("^Expected '(?<expected>[^']*)', got '(?<found>[^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex UnexpectedEvent();

    [GeneratedRegex("^Invalid cast from 'System.String' to '(?<expected>[^'\\[`]*)", RegexOptions.CultureInvariant)]
    private static partial Regex ScalarInsteadOf();

    [GeneratedRegex("^(No node deserializer was able to deserialize the node into type|Failed to create an instance of type) '?(?<expected>[^,'\\[`]*)", RegexOptions.CultureInvariant)]
    private static partial Regex CannotRead();

    [GeneratedRegex("^The value \"(?<value>.*)\" is not a valid YAML Boolean", RegexOptions.CultureInvariant)]
    private static partial Regex NotABoolean();

    [GeneratedRegex(@"\A\s*at YamlDotNet\.Core\.\w+\.", RegexOptions.CultureInvariant)]
    private static partial Regex ThrownInYamlDotNetCore();

    // An ArgumentException's message ends with the name of a YamlDotNet method's parameter.
    [GeneratedRegex(" \\(Parameter '[^']*'\\)$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();

    // Room for a typed value's own error, which repeats the value (at most ConfigLimits.MaxTypedScalarLength).
    private const int MaxReasonLength = 500;

    /// <summary>
    /// A plain exception YamlDotNet's parser let out at the top of a document (a tag that is no URI is an
    /// <see cref="ArgumentException"/>): still the file's fault, described at the last place <paramref name="parser"/> read.
    /// </summary>
    public static string DescribeUnwrapped(Exception e, YamlDotNet.Core.IParser parser, string source)
    {
        var at = parser.Current?.End ?? Mark.Empty;
        return Describe(new YamlException(at, at, e.Message, e), source);
    }

    public static string Describe(YamlException e, string source)
    {
        // YamlDotNet wraps a converter's exception; the innermost one has the real reason and position.
        var innermost = e;
        while (innermost.InnerException is YamlException inner)
        {
            innermost = inner;
        }

        // A reason may repeat a value from the file (a tag, a key, a bad duration): one line, and not all of a long one.
        return $"{source}:{innermost.Start.Line}:{innermost.Start.Column}: {OneLine(Reason(innermost))}";
    }

    private static string Reason(YamlException innermost)
    {
        string message = innermost.InnerException?.Message ?? innermost.Message;
        if (UnknownProperty().Match(message) is { Success: true } unknown)
        {
            return $"unknown key {InputExcerpt.Quote(unknown.Groups["key"].Value)}";
        }

        if (DuplicateKey().Match(message) is { Success: true } duplicate)
        {
            return $"duplicate key {InputExcerpt.Quote(duplicate.Groups["key"].Value)}";
        }

        if (UnexpectedEvent().Match(message) is { Success: true } unexpected)
        {
            return $"expected {Shape(unexpected.Groups["expected"].Value)}, found {Shape(unexpected.Groups["found"].Value)}";
        }

        if (ScalarInsteadOf().Match(message) is { Success: true } scalar)
        {
            return $"expected {Shape(scalar.Groups["expected"].Value)}, found {Shape("Scalar")}";
        }

        if (CannotRead().Match(message) is { Success: true } cannot)
        {
            // Every scalar reads as a string, so what could not be read as one is a list or a mapping.
            string expected = cannot.Groups["expected"].Value;
            return expected == "System.String" ? $"expected {Shape(expected)}, found a list or a mapping" : $"expected {Shape(expected)}";
        }

        if (NotABoolean().Match(message) is { Success: true } notBoolean)
        {
            return $"{InputExcerpt.Quote(notBoolean.Groups["value"].Value)} is not a boolean (true or false)";
        }

        // YamlDotNet's scanner fails on some broken flow collections ("{a: b" never closed) with a bare
        // InvalidOperationException; the position is that of the collection. Its innermost stack frame tells where it
        // was thrown (TargetSite would too, but a trimmed or AOT build may not keep the metadata it reads).
        if (innermost.InnerException is InvalidOperationException { StackTrace: { } stackTrace } && ThrownInYamlDotNetCore().IsMatch(stackTrace))
        {
            return "invalid YAML syntax (look for a '{' or '[' that is not closed)";
        }

        if (innermost.Message.StartsWith('(') && innermost.Message.Contains("): ", StringComparison.Ordinal))
        {
            // Drop YamlDotNet's own "(Line: …, Col: …): " prefix; the position is printed once, by the caller.
            return innermost.Message[(innermost.Message.IndexOf("): ", StringComparison.Ordinal) + 3)..];
        }

        return ParameterName().Replace(message, "");
    }

    /// <summary>What a single value found where <paramref name="expected"/> (a list or a mapping) was needed reads as.</summary>
    public static string ScalarInsteadOf(Type expected) => $"expected {Shape(expected.FullName ?? expected.Name)}, found {Shape("Scalar")}";

    private static string OneLine(string reason) =>
        new string([.. reason.Take(MaxReasonLength).Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? '?' : c)])
        + (reason.Length > MaxReasonLength ? "..." : "");

    private static string Shape(string yamlDotNetName) => yamlDotNetName switch
    {
        "MappingStart" => "a mapping (key: value)",
        "SequenceStart" => "a list",
        "Scalar" or "System.String" => "a single value",
        "StreamEnd" => "the end of the file",
        "DocumentStart" => "a second document ('---')",
        _ when yamlDotNetName.Contains("List", StringComparison.Ordinal) => "a list",
        _ when yamlDotNetName.Contains("Dictionary", StringComparison.Ordinal)
            || yamlDotNetName.EndsWith("Model", StringComparison.Ordinal) => "a mapping (key: value)",
        _ => yamlDotNetName,
    };
}
