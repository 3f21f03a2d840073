using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// The receivers' end: Alertmanager's webhook notifications, served by the test process on a Unix socket (a
/// relay inside the monitoring namespace forwards Alertmanager's TCP connections to it) and recorded in order.
/// </summary>
public sealed class AlertWebhook : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<DeliveredAlert> _delivered = [];

    private readonly Func<TimeSpan> _clock;

    private AlertWebhook(WebApplication app, Func<TimeSpan> clock)
    {
        _app = app;
        _clock = clock;
    }

    /// <summary>Every alert delivered so far, in the order it arrived.</summary>
    public IReadOnlyList<DeliveredAlert> Delivered
    {
        get
        {
            lock (_delivered)
            {
                return [.. _delivered];
            }
        }
    }

    /// <summary><paramref name="clock"/>: the time since the environment started, which each delivery is stamped with.</summary>
    public static async Task<AlertWebhook> StartAsync(string socketPath, Func<TimeSpan> clock, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath));
        var webhook = new AlertWebhook(builder.Build(), clock);
        webhook._app.MapPost("/{receiver}", webhook.ReceiveAsync);
        await webhook._app.StartAsync(cancellationToken);
        return webhook;
    }

    /// <summary>Alertmanager's webhook payload: the receiver's name, and each alert with its status, labels and annotations.</summary>
    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var payload = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        string receiver = payload.RootElement.GetProperty("receiver").GetString()!;
        var now = _clock();
        lock (_delivered)
        {
            foreach (var alert in payload.RootElement.GetProperty("alerts").EnumerateArray())
            {
                _delivered.Add(new DeliveredAlert(
                    receiver, alert.GetProperty("status").GetString()!, AlertLabels.Read(alert.GetProperty("labels")), JsonLabels.Read(alert.GetProperty("annotations")), now));
            }
        }

        return Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
