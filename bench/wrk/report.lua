-- Shared by every wrk script here: prints one machine-readable line at the end of a run.
function done(summary, latency, requests)
   local e = summary.errors
   local unmatched = 0
   local statuses = {}
   for _, t in ipairs(bench_threads or {}) do
      unmatched = unmatched + (tonumber(t:get("unmatched")) or 0)
      for code, n in pairs(t:get("statuses") or {}) do
         statuses[code] = (statuses[code] or 0) + n
      end
   end
   local codes = {}
   for code, n in pairs(statuses) do
      table.insert(codes, string.format('"%s":%d', code, n))
   end
   io.write(string.format(
      'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"unmatched":%d},' ..
      '"statuses":{' .. table.concat(codes, ",") .. '},' ..
      '"latency_us":{"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout, unmatched,
      latency.mean, latency.stdev, latency.max,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
end
