using Prometheus;

namespace SshExporter.Metrics;

/// <summary>
/// The <c>process_*</c> metrics under the names and meanings of Go's client_golang on Linux, which dashboards and
/// alerts for every Prometheus exporter query (<c>process_resident_memory_bytes</c>, <c>process_open_fds</c>, …),
/// in place of prometheus-net's own set (<c>process_working_set_bytes</c>, <c>process_open_handles</c>, …). The
/// runtime's garbage collector counts keep their prometheus-net names, the .NET counterpart of Go's <c>go_*</c>.
/// </summary>
public static class ProcessMetrics
{
    public static void Register(IMetricFactory factory, CollectorRegistry registry)
    {
        // No exemplars: prometheus-net would attach the scrape's trace id in OpenMetrics.
        var noExemplars = ExemplarBehavior.NoExemplars();
        var cpu = factory.CreateCounter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", new CounterConfiguration { ExemplarBehavior = noExemplars });
        var start = factory.CreateGauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.");
        var virtualMemory = factory.CreateGauge("process_virtual_memory_bytes", "Virtual memory size in bytes.");
        var maxVirtualMemory = factory.CreateGauge("process_virtual_memory_max_bytes", "Maximum amount of virtual memory available in bytes.");
        var resident = factory.CreateGauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        var openFds = factory.CreateGauge("process_open_fds", "Number of open file descriptors.");
        var maxFds = factory.CreateGauge("process_max_fds", "Maximum number of open file descriptors.");
        var collections = factory.CreateCounter("dotnet_collection_count_total", "GC collection count", new CounterConfiguration { LabelNames = ["generation"], ExemplarBehavior = noExemplars });
        var totalMemory = factory.CreateGauge("dotnet_total_memory_bytes", "Total known allocated memory");

        registry.AddBeforeCollectCallback(() =>
        {
            if (ProcessStatus.ReadSelf() is { } status)
            {
                cpu.IncTo(status.CpuSeconds);
                start.Set(status.StartTimeSeconds);
                virtualMemory.Set(status.VirtualMemoryBytes);
                maxVirtualMemory.Set(status.MaxVirtualMemoryBytes);
                resident.Set(status.ResidentMemoryBytes);
                openFds.Set(status.OpenFds);
                maxFds.Set(status.MaxFds);
            }

            for (int generation = 0; generation <= GC.MaxGeneration; generation++)
            {
                collections.WithLabels(generation.ToString(System.Globalization.CultureInfo.InvariantCulture)).IncTo(GC.CollectionCount(generation));
            }

            totalMemory.Set(GC.GetTotalMemory(forceFullCollection: false));
        });
    }
}
