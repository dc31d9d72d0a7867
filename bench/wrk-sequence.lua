-- wrk script of bench/api-latency.sh: sends a fixed sequence of requests, over and over, in order.
--
--   wrk -t1 -c1 -d5s -s bench/wrk-sequence.lua http://127.0.0.1:9250 -- FILE
--
-- FILE holds one request per line: METHOD <tab> PATH <tab> HEADER: VALUE|HEADER: VALUE <tab> BODY (one line of JSON).
-- An API endpoint is a sequence of one request; the raw baseline of an endpoint is the sequence of Elasticsearch
-- requests that endpoint sends, replayed with the same bodies. It prints how many whole sequences per second all
-- connections completed and, meaningful with one connection only, the median and 99th percentile of a whole
-- sequence's time on a monotonic clock. Every answer but a 2xx counts as an error and fails the run.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } onestore_timespec;
int clock_gettime(int clock_id, onestore_timespec *tp);
]]
local clock = ffi.new("onestore_timespec")
local function micros()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1e6 + tonumber(clock.tv_nsec) / 1e3
end

local requests = {}
local count = 0
local next_index = 0
local started = 0
local answered = 0
samples = {} -- read by done() through thread:get
failures = 0

function init(args)
  for line in io.lines(args[1]) do
    local method, path, header_text, body = line:match("^([^\t]+)\t([^\t]+)\t([^\t]*)\t?(.*)$")
    local headers = {}
    for header in header_text:gmatch("[^|]+") do
      local name, value = header:match("^([^:]+):%s*(.*)$")
      headers[name] = value
    end
    count = count + 1
    requests[count] = wrk.format(method, path, headers, body ~= "" and body or nil)
  end
end

function request()
  next_index = next_index % count + 1
  if next_index == 1 then
    started = micros()
  end
  return requests[next_index]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    failures = failures + 1
  end
  answered = answered + 1
  if answered % count == 0 then
    samples[#samples + 1] = micros() - started
  end
end

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests_stats)
  local all = {}
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    for _, v in ipairs(thread:get("samples")) do
      all[#all + 1] = v
    end
  end
  table.sort(all)
  local function pct(p)
    if #all == 0 then
      return 0
    end
    return all[math.max(1, math.ceil(#all * p))] / 1000
  end
  io.write(string.format("SEQUENCES count=%d p50_ms=%.3f p99_ms=%.3f per_s=%.2f failed=%d\n", #all, pct(0.5),
    pct(0.99), #all / (summary.duration / 1e6), failed))
end
