using System.Reflection;
using System.Text.RegularExpressions;
using SshExporter.Cli;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Cli;

/// <summary>
/// README's table of the exit codes of <c>probe</c> and <c>diagnose</c> is the commands' own: every code of
/// <see cref="ExitCodes"/> and no other, each meaning what the commands' help says it means (README may add detail).
/// </summary>
public partial class ExitCodeTableTests
{
    private const string Readme = "README.md";
    private const string TableHeader = "| exit code | meaning |";

    [Fact]
    public void The_readme_table_lists_every_exit_code_as_the_help_words_it()
    {
        var table = ReadmeTable();
        var help = HelpMeanings();
        var codes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(int))
            .Select(field => (int)field.GetRawConstantValue()!)
            .Order()
            .ToList();

        Assert.Equal(codes, table.Keys.Order());
        Assert.Equal(codes, help.Keys.Order());
        Assert.All(codes, code => Assert.True(
            WithoutAsides(table[code]).StartsWith(WithoutAsides(help[code]), StringComparison.Ordinal),
            $"{Readme} says exit code {code} is '{table[code]}'; the help says '{help[code]}'"));
    }

    /// <summary>The table's rows: code, then meaning.</summary>
    private static Dictionary<int, string> ReadmeTable()
    {
        var lines = File.ReadAllLines(RepositoryRoot.Combine(Readme));
        int header = Array.IndexOf(lines, TableHeader);
        Assert.True(header >= 0, $"{Readme} has no line '{TableHeader}'");
        return lines.Skip(header + 2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture), cells => cells[2]);
    }

    /// <summary><see cref="ExitCodes.Help"/>, "Exit codes: 0 healthy; 1 ...; 3 ....", by code.</summary>
    private static Dictionary<int, string> HelpMeanings()
    {
        const string prefix = "Exit codes: ";
        Assert.StartsWith(prefix, ExitCodes.Help, StringComparison.Ordinal);
        return ExitCodes.Help[prefix.Length..].TrimEnd('.')
            .Split("; ")
            .Select(entry => entry.Split(' ', 2))
            .ToDictionary(parts => int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts => parts[1]);
    }

    /// <summary>The words without what stands in parentheses, which either side may add.</summary>
    private static string WithoutAsides(string text) => Whitespace().Replace(Aside().Replace(text, ""), " ").Trim();

    [GeneratedRegex(@"\s*\([^)]*\)")]
    private static partial Regex Aside();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
