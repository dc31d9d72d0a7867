#!/usr/bin/env python3
"""The raw baseline of bench/api-latency.sh: what an endpoint sent to Elasticsearch, and proof that a replay is that.

  api-capture.py capture LOG OFFSET SEQ EXPECTED   the Elasticsearch client's request tracer lines in LOG after byte
                                                   OFFSET (one endpoint call) -> SEQ (wrk-sequence.lua's format: one
                                                   request a line, with the client's own headers) and EXPECTED (what
                                                   Elasticsearch answered the endpoint, one JSON line per request)
  api-capture.py verify ES SEQ EXPECTED            replays SEQ against ES once and fails (exit 1, saying which request
                                                   and where it differs) unless every answer is a 2xx with the status
                                                   and the body the endpoint got, `took` aside

The tracer (logger `tracer` at TRACE) logs each request as a curl command line, then its answer: `# HTTP/1.1 200 OK`,
`# header: value` lines, `#`, and the body lines, each behind `# `.
"""
import json
import re
import sys
import urllib.error
import urllib.request

# What the Elasticsearch Java client sends with every request (besides its own client-meta and user-agent headers).
CLIENT_HEADERS = {
    "Accept": "application/vnd.elasticsearch+json; compatible-with=8",
    "Content-Type": "application/vnd.elasticsearch+json; compatible-with=8",
}
CURL = re.compile(r"curl -iX (\w+) '(https?://[^/']+)([^']*)'(?: -d '(.*)')?\s*$")
STATUS = re.compile(r"^# HTTP/\S+ (\d{3})")


def capture(log, offset, seq, expected):
    with open(log, "rb") as f:
        f.seek(int(offset))
        lines = f.read().decode("utf-8", errors="replace").split("\n")
    calls, current, in_body = [], None, False
    for line in lines:
        m = CURL.search(line)
        if m:
            current = dict(method=m.group(1), path=m.group(3), body=m.group(4) or "", status=None, answer=[])
            calls.append(current)
            in_body = False
        elif current is None or not line.startswith("#"):
            current = None  # another log line: the answer traced before it is whole
        elif in_body:
            current["answer"].append(line[2:])
        elif current["status"] is None and STATUS.match(line):
            current["status"] = int(STATUS.match(line).group(1))
        elif line == "#":
            in_body = True
    if not calls:
        sys.exit(f"api-capture: no Elasticsearch request traced in {log} after byte {offset}")
    headers = "|".join(f"{k}: {v}" for k, v in CLIENT_HEADERS.items())
    with open(seq, "w") as s, open(expected, "w") as e:
        for call in calls:
            if "\t" in call["body"] or "\n" in call["body"]:
                sys.exit(f"api-capture: a body with a tab or newline cannot be one line: {call['body'][:200]}")
            if call["status"] is None or not call["answer"]:
                sys.exit(f"api-capture: no answer traced for {call['method']} {call['path']}")
            s.write("\t".join([call["method"], call["path"], headers, call["body"]]) + "\n")
            e.write(json.dumps(dict(method=call["method"], path=call["path"], status=call["status"],
                                    body=json.loads("\n".join(call["answer"])))) + "\n")


def differences(want, got, where="$"):
    """Where two answers differ, `took` (the time Elasticsearch spent) aside."""
    if isinstance(want, dict) and isinstance(got, dict):
        out = []
        for key in sorted(set(want) | set(got)):
            if key == "took" and where == "$":
                continue
            if key not in want or key not in got:
                out.append(f"{where}.{key}: only in {'the endpoint' if key in want else 'the replay'}'s answer")
            else:
                out.extend(differences(want[key], got[key], f"{where}.{key}"))
        return out
    if isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            return [f"{where}: {len(want)} items in the endpoint's answer, {len(got)} in the replay's"]
        return [d for i, (w, g) in enumerate(zip(want, got)) for d in differences(w, g, f"{where}[{i}]")]
    return [] if want == got else [f"{where}: {json.dumps(want)[:80]} (endpoint) vs {json.dumps(got)[:80]} (replay)"]


def verify(es, seq, expected):
    with open(seq) as s, open(expected) as e:
        pairs = list(zip(s.read().splitlines(), e.read().splitlines()))
    failed = False
    for number, (line, want) in enumerate(pairs, 1):
        method, path, header_text, body = (line.split("\t", 3) + [""])[:4]
        headers = dict(h.split(": ", 1) for h in header_text.split("|") if h)
        want = json.loads(want)
        request = urllib.request.Request(es + path, data=body.encode() if body else None, headers=headers,
                                         method=method)
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, text = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read()
        problems = []
        if not 200 <= status <= 299 or status != want["status"]:
            problems.append(f"HTTP {status} (the endpoint got {want['status']}): {text[:300]!r}")
        else:
            problems = differences(want["body"], json.loads(text))
        if problems:
            failed = True
            print(f"api-capture: {seq} request {number} ({method} {path}) is not what the endpoint got:",
                  file=sys.stderr)
            for problem in problems[:10]:
                print(f"    {problem}", file=sys.stderr)
    if failed:
        sys.exit(1)
    return len(pairs)


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "capture":
        capture(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "verify":
        print(verify(*sys.argv[2:]))
    else:
        sys.exit(__doc__)
