#!/usr/bin/env python3
"""Turns bench/api-latency.sh's results.tsv into target/bench/api/api-benchmark.{txt,md,json}.

results.tsv: round, label (api | warmup | scale:<posts>), endpoint, side (ours | nginx | raw), connections,
p50 ms, p99 ms, whole sequences per second. Every ratio is taken within a round (ours against the raw requests measured
in the same round), then the median and min-max of those ratios are reported, with the medians of each side.
"""
import json
import statistics
import sys

results, out, posts, rounds, duration, load_start, load_end, sizes = sys.argv[1:9]
rows = []
with open(results) as f:
    for line in f:
        r, label, name, side, conns, p50, p99, rate = line.rstrip("\n").split("\t")
        if label == "warmup":
            continue
        rows.append(dict(round=int(r), label=label, name=name, side=side, conns=int(conns),
                         p50=float(p50), p99=float(p99), rate=float(rate)))


def pick(label, name, side, conns):
    """The rounds of one figure; a run in which not one whole sequence finished (p50 0) has no figure."""
    return {x["round"]: x for x in rows
            if x["label"] == label and x["name"] == name and x["side"] == side and x["conns"] == conns
            and x["p50"] > 0}


def med(values):
    return statistics.median(values) if values else float("nan")


def lo(values):
    return min(values) if values else float("nan")


def hi(values):
    return max(values) if values else float("nan")


def r2(value):
    return None if value != value else round(value, 2)


figures = []
lines = [f"API latency and throughput: {int(posts):,} posts, {rounds} rounds of {duration} s per figure, "
         f"load average {load_start} -> {load_end}"]
md = ["| endpoint | ES requests | p50 ours / raw (ms) | p50 ratio (min–max) | p50 via nginx (ratio) "
      "| p99 ours / raw (ms) | throughput ours / raw (/s) | throughput ratio (min–max) | via nginx (ratio) |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
names = sorted({x["name"] for x in rows if x["label"] == "api"})
for name in names:
    ours1, nginx1, raw1 = (pick("api", name, s, 1) for s in ("ours", "nginx", "raw"))
    ours16, nginx16, raw16 = (pick("api", name, s, 16) for s in ("ours", "nginx", "raw"))
    common = sorted(set(ours1) & set(raw1) & set(nginx1))
    lat = [ours1[r]["p50"] / raw1[r]["p50"] for r in common]
    lat_ng = [nginx1[r]["p50"] / raw1[r]["p50"] for r in common]
    common16 = sorted(set(ours16) & set(raw16) & set(nginx16))
    # (a figure without rounds is NaN here and null in the JSON: no whole call finished within a run)
    thr = [ours16[r]["rate"] / raw16[r]["rate"] for r in common16]
    thr_ng = [nginx16[r]["rate"] / raw16[r]["rate"] for r in common16]
    p50 = {k: med([v[r]["p50"] for r in common]) for k, v in (("ours", ours1), ("nginx", nginx1), ("raw", raw1))}
    p99 = {k: med([v[r]["p99"] for r in common]) for k, v in (("ours", ours1), ("raw", raw1))}
    rate = {k: med([v[r]["rate"] for r in common16]) for k, v in (("ours", ours16), ("nginx", nginx16), ("raw", raw16))}
    try:
        requests = sum(1 for _ in open(f"{out}/seq/raw-{name.replace(' ', '-')}.seq"))
    except OSError:
        requests = 0
    base = dict(rounds=len(common), baseline_is=f"the {requests} Elasticsearch request(s) the endpoint sends, "
                                                 "replayed in order with the same bodies")
    figures.append(dict(name=f"api {name} p50", ours=r2(p50["ours"]), baseline=r2(p50["raw"]),
                        ratio=r2(med(lat)), ratio_min=r2(lo(lat)), ratio_max=r2(hi(lat)),
                        ours_p99=r2(p99["ours"]), baseline_p99=r2(p99["raw"]),
                        goal="<= 1.1", unit="ms", **base))
    figures.append(dict(name=f"api {name} p50 via nginx", ours=r2(p50["nginx"]), baseline=r2(p50["raw"]),
                        ratio=r2(med(lat_ng)), ratio_min=r2(lo(lat_ng)), ratio_max=r2(hi(lat_ng)),
                        goal="<= 1.1", unit="ms", **base))
    figures.append(dict(name=f"api {name} throughput", ours=r2(rate["ours"]), baseline=r2(rate["raw"]),
                        ratio=r2(med(thr)), ratio_min=r2(lo(thr)), ratio_max=r2(hi(thr)),
                        goal=">= 0.9", unit="requests/s (16 connections)", **base))
    figures.append(dict(name=f"api {name} throughput via nginx", ours=r2(rate["nginx"]),
                        baseline=r2(rate["raw"]), ratio=r2(med(thr_ng)), ratio_min=r2(lo(thr_ng)),
                        ratio_max=r2(hi(thr_ng)), goal=">= 0.9", unit="requests/s (16 connections)", **base))
    lines.append(f"{name:16s} p50 {p50['ours']:8.2f} ms vs raw {p50['raw']:8.2f} ms = {med(lat):.2f}x "
                 f"(nginx {med(lat_ng):.2f}x); 16 conns {rate['ours']:7.1f}/s vs raw {rate['raw']:7.1f}/s = "
                 f"{med(thr):.2f}x (nginx {med(thr_ng):.2f}x)")
    md.append(f"| {name} | {requests} | {p50['ours']:.2f} / {p50['raw']:.2f} | **{med(lat):.2f}×** "
              f"({lo(lat):.2f}–{hi(lat):.2f}) | {p50['nginx']:.2f} ({med(lat_ng):.2f}×) "
              f"| {p99['ours']:.2f} / {p99['raw']:.2f} | {rate['ours']:.0f} / {rate['raw']:.0f} "
              f"| **{med(thr):.2f}×** ({lo(thr):.2f}–{hi(thr):.2f}) | {rate['nginx']:.0f} ({med(thr_ng):.2f}×) |")

scale_md = []
if sizes:
    points = [(int(s.split(":")[0]), int(s.split(":")[1] or 0)) for s in sizes.split(",")]
    scale_md = ["| endpoint | posts | posts index | p50 ours (ms) | p50 raw (ms) | ours / raw | latency growth "
                "| posts growth |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name in ("campaign report", "influencers"):
        first = None
        for size, size_bytes in points:
            o, r = pick(f"scale:{size}", name, "ours", 1), pick(f"scale:{size}", name, "raw", 1)
            common = sorted(set(o) & set(r))
            if not common:
                continue
            po, pr = med([o[k]["p50"] for k in common]), med([r[k]["p50"] for k in common])
            ratios = [o[k]["p50"] / r[k]["p50"] for k in common]
            if first is None:
                first = (size, po)
            growth, posts_growth = po / first[1], size / first[0]
            scale_md.append(f"| {name} | {size:,} | {size_bytes / 1048576:.0f} MB | {po:.2f} | {pr:.2f} "
                            f"| {med(ratios):.2f}× | {growth:.2f}× | {posts_growth:.0f}× |")
            lines.append(f"scale {name:16s} {size:>9,} posts ({size_bytes / 1048576:.0f} MB): p50 {po:.2f} ms "
                         f"(raw {pr:.2f} ms), {growth:.2f}x the {first[0]:,}-post latency for {posts_growth:.0f}x the posts")
            if size != first[0]:
                figures.append(dict(name=f"scale {name} p50 at {size:,} posts", ours=round(po, 2),
                                    baseline=round(first[1], 2), ratio=round(growth, 2),
                                    goal=f"< {posts_growth:.0f} (sub-linear: the posts grew {posts_growth:.0f}x)",
                                    unit="ms", rounds=len(common), posts_index_bytes=size_bytes,
                                    baseline_is=f"the same endpoint at {first[0]:,} posts"))

with open(f"{out}/api-benchmark.json", "w") as f:
    json.dump(figures, f, indent=2)
with open(f"{out}/api-benchmark.txt", "w") as f:
    f.write("\n".join(lines) + "\n")
with open(f"{out}/api-benchmark.md", "w") as f:
    # No round with a whole call finished: a dash, not "nan".
    f.write("\n".join(line.replace("nan×", "—").replace("nan", "—") for line in md) + "\n")
with open(f"{out}/scale-benchmark.md", "w") as f:
    f.write("\n".join(scale_md) + "\n")
