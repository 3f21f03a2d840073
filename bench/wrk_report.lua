-- wrk prints its human summary; this adds lines that bench/run parses. Latencies are in microseconds,
-- as wrk records them. The H lines are the whole latency histogram (value, count), so that bench/run can
-- merge the two halves of an ABBA pair and take exact percentiles of the union.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout))
  for i = 1, #latency do
    local value, count = latency(i)
    io.write(string.format("H %d %d\n", value, count))
  end
end
