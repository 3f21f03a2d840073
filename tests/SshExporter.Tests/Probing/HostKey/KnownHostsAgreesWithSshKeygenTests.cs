using System.Globalization;
using System.Text.RegularExpressions;
using SshExporter.Probing;
using SshExporter.Probing.HostKey;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing.HostKey;

/// <summary>
/// Which known_hosts lines name a target, held to OpenSSH's own answer (<c>ssh-keygen -F host -f file</c>): plain
/// names, <c>[host]:port</c>, wildcards, negation, case, and names hashed by <c>ssh-keygen -H</c>.
/// </summary>
[NeedsSshd]
public partial class KnownHostsAgreesWithSshKeygenTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOCTV/HNfyVtlGz/KpNuhNYODtyTazb2MCCc0krmeidu";

    private static readonly string[] HostFields =
    [
        "db1.example.invalid",
        "DB2.Example.Invalid,10.0.0.2",
        "[db3.example.invalid]:2222",
        "*.web.example.invalid,!secret.web.example.invalid",
        "db?.example.invalid",
        "[10.0.0.*]:2200",
        "*",
        "!*.example.invalid,*",
    ];

    private static readonly TargetAddress[] Lookups =
    [
        new("db1.example.invalid", 22), new("db1.example.invalid", 2222), new("db2.example.invalid", 22), new("10.0.0.2", 22),
        new("db3.example.invalid", 2222), new("db3.example.invalid", 22), new("a.web.example.invalid", 22),
        new("secret.web.example.invalid", 22), new("dbx.example.invalid", 22), new("db10.example.invalid", 22),
        new("10.0.0.7", 2200), new("10.0.0.7", 22), new("elsewhere.invalid", 22),
    ];

    [GeneratedRegex(@"^# Host .* found: line ([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex FoundLine();

    [Fact]
    public async Task Every_lookup_finds_the_lines_ssh_keygen_finds_in_plain_and_hashed_files()
    {
        using var directory = new TempDirectory();
        string plain = directory.Write("plain", string.Concat(HostFields.Select(hosts => $"{hosts} {Key}\n")));
        // ssh-keygen -H hashes the names it can (one line per name) and keeps the lines with patterns as they are.
        string hashed = directory.Write("hashed", string.Concat(HostFields.Select(hosts => $"{hosts} {Key}\n")));
        await ExternalCommand.RunCheckedAsync(Requires.Tool("ssh-keygen"), ["-H", "-f", hashed], TestContext.Current.CancellationToken);
        Assert.Contains("|1|", await File.ReadAllTextAsync(hashed, TestContext.Current.CancellationToken), StringComparison.Ordinal);

        int found = 0;
        foreach (string file in new[] { plain, hashed })
        {
            Assert.True(KnownHostsFile.TryLoad(file, out var knownHosts, out string error), error);
            foreach (var target in Lookups)
            {
                var ours = knownHosts!.PinsFor(target).Select(pin => pin.Source[(file.Length + 1)..]).ToArray();
                var theirs = await SshKeygenFindsAsync(file, target);
                found += theirs.Length;

                Assert.True(theirs.SequenceEqual(ours), $"{Path.GetFileName(file)}, {target}: ssh-keygen finds lines [{string.Join(",", theirs)}], we find [{string.Join(",", ours)}]");
            }
        }

        // The comparison means something only if ssh-keygen finds lines at all.
        Assert.True(found > Lookups.Length, $"ssh-keygen found only {found} lines in all");
    }

    private static async Task<string[]> SshKeygenFindsAsync(string file, TargetAddress target)
    {
        string name = target.Port == 22 ? target.Host : $"[{target.Host}]:{target.Port.ToString(CultureInfo.InvariantCulture)}";
        var result = await ExternalCommand.RunAsync(Requires.Tool("ssh-keygen"), ["-F", name, "-f", file], TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return [.. FoundLine().Matches(result.Stdout).Select(match => match.Groups[1].Value)];
    }
}
