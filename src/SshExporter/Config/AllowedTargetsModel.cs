using System.Net;
using SshExporter.Probing.Restriction;
using YamlDotNet.Serialization;

namespace SshExporter.Config;

/// <summary>
/// A module's <c>allowed_targets:</c> section as written; <see cref="AllowedTargetsSection"/> validates it. Each
/// key remembers that it was written, so that <c>networks:</c> with no value is an error rather than "any network".
/// </summary>
internal sealed class AllowedTargetsModel
{
    public List<IPNetwork>? Networks
    {
        get;
        set
        {
            field = value;
            Written.Add("networks");
        }
    }

    public List<HostPattern>? Hosts
    {
        get;
        set
        {
            field = value;
            Written.Add("hosts");
        }
    }

    public List<int>? Ports
    {
        get;
        set
        {
            field = value;
            Written.Add("ports");
        }
    }

    [YamlIgnore]
    public HashSet<string> Written { get; } = [];
}
