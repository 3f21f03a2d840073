using System.Diagnostics;
using System.Net;

namespace SshExporter.Tests.Load;

/// <summary>
/// Asks <c>/-/healthy</c> every 50 ms while a load runs and keeps each answer's latency. It has a thread and a
/// keep-alive connection of its own and sends synchronously, so that the load's thousands of requests in this
/// process cannot starve the sampler and make the exporter look slow.
/// </summary>
public sealed class HealthSampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly HttpClient _http;
    private readonly Thread _thread;
    private readonly List<(TimeSpan Latency, HttpStatusCode Status)> _samples = [];
    private volatile bool _stop;

    public HealthSampler(Uri baseAddress)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        // Open the connection before the load starts: a new connection would queue behind the load's.
        Sample();
        _samples.Clear();
        _thread = new Thread(Run) { IsBackground = true, Name = "health sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Stops sampling and returns every sample taken.</summary>
    public IReadOnlyList<(TimeSpan Latency, HttpStatusCode Status)> Stop()
    {
        _stop = true;
        _thread.Join();
        lock (_samples)
        {
            return [.. _samples];
        }
    }

    private void Run()
    {
        while (!_stop)
        {
            var started = Stopwatch.StartNew();
            Sample();
            var rest = Interval - started.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                Thread.Sleep(rest);
            }
        }
    }

    private void Sample()
    {
        var watch = Stopwatch.StartNew();
        HttpStatusCode status;
        try
        {
            using var response = _http.Send(new HttpRequestMessage(HttpMethod.Get, "/-/healthy"));
            response.Content.ReadAsStream().CopyTo(Stream.Null);
            status = response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            status = 0;
        }

        lock (_samples)
        {
            _samples.Add((watch.Elapsed, status));
        }
    }

    public void Dispose() => _http.Dispose();
}
