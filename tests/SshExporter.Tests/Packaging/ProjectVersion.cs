using System.Xml.Linq;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Packaging;

/// <summary>The exporter's version, as Directory.Build.props gives it to the build: what images and the chart must carry.</summary>
public static class ProjectVersion
{
    public static string Value { get; } =
        XDocument.Load(RepositoryRoot.Combine("Directory.Build.props")).Descendants("Version").Single().Value;
}
