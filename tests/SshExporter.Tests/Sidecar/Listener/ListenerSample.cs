namespace SshExporter.Tests.Sidecar.Listener;

/// <summary>The captured procfs root under testdata (see its README).</summary>
internal static class ListenerSample
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "testdata", "proc", "listener-sample");

    public static string Table(string relative) => Path.Combine(Root, relative);

    /// <summary>The capture's hex words are little-endian; a big-endian kernel prints other text for the same sockets.</summary>
    public static void RequireLittleEndian() =>
        Assert.SkipUnless(BitConverter.IsLittleEndian, "the fixtures were captured on a little-endian machine");
}
