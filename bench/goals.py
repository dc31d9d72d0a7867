#!/usr/bin/env python3
"""Goals at a glance: reads docs/benchmarks.json and prints a Markdown table of every figure with a goal, whether the
run met it, and by how much it missed (a factor: "2.6x short" means the goal is 2.6 times the measured value).

Which number a goal is about: the ratio against the same run's baseline for the ingest, API and scale figures (their
goals are ratios); the measured value itself for the rest (a share of the budget, megabytes, seconds, answers).
Goals without a number are read as follows: "higher" means a ratio above 1, a coverage goal means every post of the
truth stored (ratio 1), "as fast as a bare client" means a ratio of at least 1, "bounded" means below the heap cap
(the baseline column). Usage: bench/goals.py [docs/benchmarks.json]
"""
import json
import re
import sys

RATIO_GOALS = ("ingest ", "api ", "scale ")


def number(goal):
    found = re.search(r"[-+]?\d+(?:\.\d+)?", goal)
    return float(found.group()) if found else None


def factor(x):
    """A miss factor: two decimals near 1, where one would read "1.0x short" for a real miss."""
    return f"{x:.2f}×" if x < 1.1 else f"{x:.1f}×"


def judge(entry):
    """(value shown, verdict) of one figure."""
    goal = str(entry.get("goal", ""))
    name = entry["name"]
    ratio, ours, baseline = entry.get("ratio"), entry.get("ours"), entry.get("baseline")
    on_ratio = name.startswith(RATIO_GOALS)
    value = ratio if on_ratio else ours
    if value is None:
        return "—", "not measured in this run (no whole call finished)"
    if on_ratio:
        shown = f"{value:g}×"
    elif entry.get("unit") == "share":
        shown = f"{value * 100:.1f} %"
    else:
        shown = f"{value:g} {entry.get('unit', '')}".strip()
    if goal == "higher":
        return f"{ratio:g}×", "met" if ratio is not None and ratio > 1 else "missed"
    if goal.startswith("share of the truth"):
        return f"{ours:g} of {baseline:g}", "met" if ours == baseline else f"missed: {baseline - ours:g} posts not stored"
    if "bare client" in goal:
        return f"{ratio:g}×", "met" if ratio >= 1 else f"missed: {factor(1 / ratio)} short"
    if goal.startswith("bounded"):
        return shown, "met" if ours < baseline else "missed: reached the cap"
    target = number(goal)
    if target is None:
        return shown, "no numeric goal"
    if goal.startswith(">"):
        return shown, "met" if value >= target else f"missed: {factor(target / value)} short" if value else "missed"
    if goal.startswith("<"):
        strict = not goal.startswith("<=")
        ok = value < target if strict else value <= target
        return shown, "met" if ok else f"missed: {factor(value / target)} over"
    return shown, "met" if value == target else "missed"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "docs/benchmarks.json"
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)
    print("| figure | this run | goal | verdict |")
    print("| --- | ---: | --- | --- |")
    for entry in entries:
        if "goal" not in entry:
            continue
        shown, verdict = judge(entry)
        verdict = f"**{verdict}**" if verdict.startswith("missed") else verdict
        print(f"| {entry['name']} | {shown} | {entry['goal']} | {verdict} |")


if __name__ == "__main__":
    main()
