-- wrk script for scripts/bench-http.sh: getTaskStatus POSTs that cycle over the task ids of a
-- file, each thread from its own offset, and one parseable result line at the end.
--
--   [WRK_LIMIT=N] wrk -t2 -c32 -d20s --latency -s get-task-status.lua URL -- IDS_FILE TEMPLATE
--
-- IDS_FILE holds one task id a line; TEMPLATE is the SOAP request with the placeholder TASKID
-- (scripts/bench/get-task-status.xml). Each thread formats all its requests once in init(), so
-- the generator does no string work per request. With WRK_LIMIT=N in the environment (and -t1),
-- wrk exits after N responses (the heap step wants a count, not a duration); only then is a
-- response() hook defined, because wrk parses every response's headers and body for Lua as
-- soon as one exists, which would slow the measured runs.

local threads = {}
local counter = 0

function setup(thread)
   thread:set("number", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

local function read_lines(path)
   local lines = {}
   for line in io.lines(path) do
      if line ~= "" then
         table.insert(lines, line)
      end
   end
   return lines
end

local function read_all(path)
   local file = assert(io.open(path, "rb"))
   local text = file:read("*a")
   file:close()
   return text
end

local requests = {}
local next_index = 1
local limit = tonumber(os.getenv("WRK_LIMIT") or "")
local responses = 0

function init(args)
   local ids = read_lines(assert(args[1], "usage: -- IDS_FILE TEMPLATE"))
   local template = read_all(assert(args[2], "usage: -- IDS_FILE TEMPLATE"))
   assert(#ids > 0, "no task ids in " .. args[1])
   local headers = { ["Content-Type"] = "text/xml; charset=utf-8", ["SOAPAction"] = '""' }
   for i, id in ipairs(ids) do
      local body = template:gsub("TASKID", id)
      requests[i] = wrk.format("POST", "/", headers, body)
   end
   -- Spread the threads over the ids; 7919 is prime, so offsets differ for small files too.
   next_index = ((number or 0) * 7919) % #requests + 1
end

function request()
   local r = requests[next_index]
   next_index = next_index % #requests + 1
   return r
end

-- wrk runs for its whole -d duration even after a thread stops, so the counting thread ends
-- the process itself once it has its N responses (run it with -t1 so the count is exact).
if limit then
   local failed = 0
   function response(status, headers, body)
      responses = responses + 1
      if status ~= 200 then
         failed = failed + 1
      end
      if responses >= limit then
         io.write(string.format("WRK_LIMIT responses=%d non200=%d\n", responses, failed))
         io.flush()
         os.exit(failed == 0 and 0 or 1)
      end
   end
end

-- Latencies are in microseconds; errors_status counts HTTP statuses above 399 (SOAP faults).
function done(summary, latency, _)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "WRK requests=%d seconds=%.2f rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f "
         .. "max_ms=%.3f errors_connect=%d errors_read=%d errors_write=%d "
         .. "errors_timeout=%d errors_status=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      e.connect, e.read, e.write, e.timeout, e.status))
end
