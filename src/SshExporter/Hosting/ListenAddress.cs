using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SshExporter.Probing;

namespace SshExporter.Hosting;

/// <summary>A <c>--web.listen-address</c> value: <c>:9722</c> (every interface), <c>127.0.0.1:9722</c>, <c>[::1]:9722</c>, <c>localhost:9722</c>.</summary>
public sealed record ListenAddress(IPAddress? Address, bool Localhost, int Port)
{
    public static bool TryParse(string text, out ListenAddress? listen, out string error)
    {
        listen = null;
        int colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            error = $"--web.listen-address '{text}': expected [host]:port";
            return false;
        }

        string host = text[..colon].Trim('[', ']');
        if (host.Length == 0 || host == "localhost")
        {
            listen = new ListenAddress(null, host.Length > 0, port);
        }
        else if (IPAddress.TryParse(host, out var address))
        {
            listen = new ListenAddress(address, false, port);
        }
        else
        {
            error = $"--web.listen-address '{text}': '{host}' is not an IP address";
            return false;
        }

        error = "";
        return true;
    }

    public void ApplyTo(KestrelServerOptions kestrel)
    {
        if (Localhost)
        {
            kestrel.ListenLocalhost(Port);
        }
        else if (Address is null)
        {
            kestrel.ListenAnyIP(Port);
        }
        else
        {
            kestrel.Listen(Address, Port);
        }
    }

    public override string ToString() => (Localhost, Address) switch
    {
        (true, _) => $"localhost:{Port}",
        (_, null) => $":{Port}",
        _ => new TargetAddress(Address.ToString(), Port).ToString(),
    };
}
