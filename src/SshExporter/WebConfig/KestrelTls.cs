using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace SshExporter.WebConfig;

/// <summary>Serves every listen address over TLS when the web config file configures it, reading the file again on each handshake.</summary>
public static class KestrelTls
{
    /// <summary>Call before the listen addresses are added: it sets the defaults each of them gets.</summary>
    public static void Apply(KestrelServerOptions kestrel, WebConfigSource source)
    {
        // Whether TLS is on, and HTTP/2, are fixed at startup, as with exporter-toolkit.
        var initial = source.Initial;
        if (initial.Tls is null)
        {
            return;
        }

        kestrel.ConfigureEndpointDefaults(listen =>
        {
            listen.Protocols = initial.Http2 ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(ForHandshake(source, initial.Http2)),
            });
        });
    }

    private static SslServerAuthenticationOptions ForHandshake(WebConfigSource source, bool http2)
    {
        try
        {
            return ServerAuthentication.For(source.Current(), http2);
        }
        catch (WebConfigException e)
        {
            // A failed handshake, which Kestrel logs at debug level; the source has logged the reason once already,
            // where Kestrel would log each connection's stack trace.
            throw new AuthenticationException(e.Message, e);
        }
    }
}
