-- wrk script of bench/api-latency.sh: sends a fixed sequence of requests, over and over, in order.
--
--   wrk -t1 -c1 -d5s -s bench/wrk-sequence.lua http://127.0.0.1:9250 -- FILE
--
-- FILE holds one request per line: METHOD <tab> PATH <tab> HEADER: VALUE|HEADER: VALUE <tab> BODY (one line of JSON,
-- or NDJSON with tabs for its newlines).
-- An API endpoint is a sequence of one request; the raw baseline of an endpoint is the sequence of Elasticsearch
-- requests that endpoint sends, replayed with the same headers and bodies. It prints how many whole sequences per
-- second all connections completed and, meaningful with one connection only, the median and 99th percentile of a
-- whole sequence's time on a monotonic clock. A run fails (failed > 0) on every answer but a 2xx, and on an
-- Elasticsearch answer that says it is incomplete (timed out, or a shard failed).
--
-- Which request goes next is counted in answers, not in calls of request(): wrk calls request() once more than it
-- sends, on the first thread before any connection opens (to check the request parses), and throws that one away.
-- Counted in calls, the one-connection replay would start at the second request and the time taken at each
-- "end of sequence" would be the first request's alone (the 2026-12-01 baselines of 0.7 ms for 11 requests).
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
local answered = 0
local started = 0
samples = {} -- read by done() through thread:get
failures = 0
failure = "" -- the first failure of this thread, read by done()

function init(args)
  for line in io.lines(args[1]) do
    local method, path, header_text, body = line:match("^([^\t]+)\t([^\t]+)\t([^\t]*)\t?(.*)$")
    if not method then
      error("wrk-sequence: not METHOD<tab>PATH<tab>HEADERS<tab>BODY: " .. line)
    end
    local headers = {}
    for header in header_text:gmatch("[^|]+") do
      local name, value = header:match("^([^:]+):%s*(.*)$")
      headers[name] = value
    end
    -- an NDJSON body (_msearch) has its newlines as tabs in FILE (bench/api-capture.py)
    body = body:gsub("\t", "\n")
    count = count + 1
    requests[count] = wrk.format(method, path, headers, body ~= "" and body or nil)
  end
end

-- With one connection, the request after the n-th answer is request n % count + 1: the sequence in its order. With
-- several connections on a thread the answers interleave, and every request of the sequence is still sent once per
-- count answers.
function request()
  local index = answered % count + 1
  if index == 1 then
    started = micros()
  end
  return requests[index]
end

local function fail(status, body)
  failures = failures + 1
  if failure == "" then
    failure = string.format("HTTP %d after %d answers: %s", status, answered, body:sub(1, 300))
  end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    fail(status, body)
  elseif body:find('"timed_out":true', 1, true) or body:find('"_shards":{"total":%d+,"successful":%d+,'
        .. '"skipped":%d+,"failed":[1-9]') then
    fail(status, body)
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
  local first = ""
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    if first == "" then
      first = thread:get("failure")
    end
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
  if first ~= "" then
    io.write("FIRST FAILURE " .. first:gsub("\n", " ") .. "\n")
  end
end
