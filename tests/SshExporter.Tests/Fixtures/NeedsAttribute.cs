using Xunit.v3;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// What a test class or method needs from the machine, as the trait <c>Needs</c>: one value per need, and
/// <see cref="Setup"/> on every test marked with a need beyond the .NET SDK, so <c>--filter "Needs!=setup"</c> leaves
/// those out. The test still skips on its own (<see cref="Requires"/>); NeedsTraitsTests holds the marks
/// to what the source uses.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public abstract class NeedsAttribute(params string[] needs) : Attribute, ITraitAttribute
{
    public const string Trait = "Needs";

    /// <summary>The value every marked test carries besides its own needs.</summary>
    public const string Setup = "setup";

    public IReadOnlyList<string> Needs { get; } = needs;

    /// <summary>False for a need the .NET SDK alone meets, which <c>Needs!=setup</c> keeps.</summary>
    protected virtual bool NeedsSetup => true;

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() =>
        [.. (NeedsSetup ? Needs.Append(Setup) : Needs).Select(need => new KeyValuePair<string, string>(Trait, need))];
}

/// <summary>
/// Starts the exporter's executable (<see cref="ExporterProcess.Executable"/>, also through <see cref="ProbeCli"/>), so
/// the test runs again against the Native AOT binary (<c>--filter "Needs=exporter-binary"</c>); the build provides it.
/// </summary>
public sealed class NeedsExporterBinaryAttribute() : NeedsAttribute(ExporterBinary)
{
    public const string ExporterBinary = "exporter-binary";

    protected override bool NeedsSetup => false;
}

/// <summary>Runs only as root (<see cref="Requires.Root"/>).</summary>
public sealed class NeedsRootAttribute() : NeedsAttribute("root");

/// <summary>Makes a <see cref="NetworkNamespace"/>, which takes root.</summary>
public sealed class NeedsNetnsAttribute() : NeedsAttribute("netns", "root");

/// <summary>Runs a real OpenSSH server or its tools (<see cref="SshdFixture"/>, sshd -T, ssh-keygen).</summary>
public sealed class NeedsSshdAttribute() : NeedsAttribute("sshd");

/// <summary>Builds or runs containers (<see cref="Podman"/>), which takes root.</summary>
public sealed class NeedsPodmanAttribute() : NeedsAttribute("podman", "root");

/// <summary>Runs Node.js or the npm dev dependencies (<see cref="Requires.NodePackage"/>).</summary>
public sealed class NeedsNodeAttribute() : NeedsAttribute("node");

/// <summary>Runs Prometheus, Alertmanager, promtool or amtool.</summary>
public sealed class NeedsPrometheusAttribute() : NeedsAttribute("prometheus");

/// <summary>Runs another program that a bare machine lacks, named as <see cref="Requires.Tool"/> looks it up.</summary>
public sealed class NeedsToolAttribute(string tool) : NeedsAttribute(tool)
{
    public string Tool { get; } = tool;
}
