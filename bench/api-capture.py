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
`# header: value` lines, `#`, and the body lines, each behind `# `. A multi-search body (NDJSON, one JSON a line and a
last newline) spans several log lines up to the closing quote; in SEQ its newlines are tabs (a JSON text holds no raw
tab, and the body is a line's last field), which the replay (here and bench/wrk-sequence.lua) turns back into newlines.
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
CURL = re.compile(r"curl -iX (\w+) '(https?://[^/']+)([^']*)'(?: -d '(.*))?$")
# What the client sends an NDJSON body (_msearch) as.
NDJSON_HEADERS = dict(CLIENT_HEADERS, **{
    "Content-Type": "application/vnd.elasticsearch+x-ndjson; compatible-with=8",
})
STATUS = re.compile(r"^# HTTP/\S+ (\d{3})")
ITEM = re.compile(r"\$\.responses\[\d+\]")


def capture(log, offset, seq, expected):
    with open(log, "rb") as f:
        f.seek(int(offset))
        lines = f.read().decode("utf-8", errors="replace").split("\n")
    calls, current, in_body, open_body = [], None, False, None
    for line in lines:
        if open_body is not None:  # the lines of an NDJSON body, up to the closing quote
            open_body.append(line)
            if line.endswith("'"):
                current["body"] = "\n".join(open_body)[:-1]
                open_body = None
            continue
        m = CURL.search(line.rstrip())
        if m:
            body = m.group(4)
            current = dict(method=m.group(1), path=m.group(3), body="", status=None, answer=[])
            if body is not None and body.endswith("'"):
                current["body"] = body[:-1]
            elif body is not None:
                open_body = [body]
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
    with open(seq, "w") as s, open(expected, "w") as e:
        for call in calls:
            if "\t" in call["body"]:
                sys.exit(f"api-capture: a body with a tab cannot be one line: {call['body'][:200]}")
            if call["status"] is None or not call["answer"]:
                sys.exit(f"api-capture: no answer traced for {call['method']} {call['path']}")
            ndjson = "\n" in call["body"]
            if ndjson and not call["body"].endswith("\n"):
                sys.exit(f"api-capture: an NDJSON body must end with a newline: {call['body'][-200:]}")
            headers = "|".join(f"{k}: {v}" for k, v in (NDJSON_HEADERS if ndjson else CLIENT_HEADERS).items())
            s.write("\t".join([call["method"], call["path"], headers, call["body"].replace("\n", "\t")]) + "\n")
            e.write(json.dumps(dict(method=call["method"], path=call["path"], status=call["status"],
                                    body=json.loads("\n".join(call["answer"])))) + "\n")


def differences(want, got, where="$"):
    """Where two answers differ, `took` (the time Elasticsearch spent, also each multi-search item's) aside."""
    if isinstance(want, dict) and isinstance(got, dict):
        out = []
        for key in sorted(set(want) | set(got)):
            if key == "took" and (where == "$" or ITEM.fullmatch(where)):
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
        body = body.replace("\t", "\n")
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
