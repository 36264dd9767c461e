#!/usr/bin/env python3
"""Turns a JMH run of bench/jmh (its -rf json output and the inputs' TSV) into the markdown written to bench/results/.

usage: report.py JMH_JSON INPUTS_TSV RUN_COMMAND JMH_COMMAND MACHINE JAVA_VERSION LOAD_BEFORE LOAD_AFTER TOOK
"""
import csv, datetime, json, math, sys

results_file, inputs_file, run_command, jmh_command, machine, java, load_before, load_after, took = sys.argv[1:10]
runs = json.load(open(results_file))
inputs = list(csv.DictReader(open(inputs_file), delimiter="\t"))

# JMH writes the unit it ran with (@OutputTimeUnit or -tu); the table always shows ops/s and µs/op.
PER_SECOND = {"s": 1, "ms": 1e3, "us": 1e6, "ns": 1e9, "min": 1 / 60}
BENCHMARKS = ["manipulate", "renderJson", "renderHtml", "renderMarkdown", "renderText", "search"]
WHAT = {
    "manipulate": "results → Digest (`ManipulateFunction.apply`)",
    "renderJson": "Digest → JSON bytes (Jackson `JsonMapper`)",
    "renderHtml": "Digest → HTML bytes (`HtmlDigestFormat`)",
    "renderMarkdown": "Digest → Markdown bytes (`MarkdownDigestFormat`)",
    "renderText": "Digest → plain-text bytes (`PlainTextDigestFormat`)",
    "search": "a query → ten results with snippets from the shipped index (`LocalSearchProvider.search`); its input is the query",
}


def number(value):
    value = float(value)  # JMH writes "NaN" for an error it cannot compute (a single iteration)
    return None if math.isnan(value) else value


def ops_per_second(metric):
    score, error, unit = number(metric["score"]), number(metric["scoreError"]), metric["scoreUnit"]
    factor = PER_SECOND[unit.split("/")[1]]
    return score * factor, None if error is None else error * factor


def micros_per_op(metric):
    score, error, unit = number(metric["score"]), number(metric["scoreError"]), metric["scoreUnit"]
    factor = 1e6 / PER_SECOND[unit.split("/")[0]]
    return score * factor, None if error is None else error * factor


def significant(value, digits=3):
    if value == 0:
        return "0"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    return f"{value:,.{decimals}f}"


def with_error(value, error):
    return significant(value) + ("" if error is None else f" ± {significant(error, 2)}")


def disturbed(row):
    """Whether the figures disagree with themselves: a wide error, or the two modes more than 1.5x apart."""
    figures = [row[mode] for mode in ("thrpt", "avgt") if mode in row]
    if any(error is None or error > score / 2 for score, error in figures):
        return True
    if len(figures) == 2:
        ratio = figures[1][0] * figures[0][0] / 1e6  # µs/op × ops/s: 1 when the modes agree
        return not 1 / 1.5 <= ratio <= 1.5
    return False


rows = {}
for run in runs:
    name = run["benchmark"].rsplit(".", 1)[1]
    params = run.get("params", {})
    row = rows.setdefault((name, params.get("input", params.get("query", ""))), {})
    alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    if alloc and "bytes" not in row:
        row["bytes"] = number(alloc["score"])
    if run["mode"] == "thrpt":
        row["thrpt"] = ops_per_second(run["primaryMetric"])
    elif run["mode"] == "avgt":
        row["avgt"] = micros_per_op(run["primaryMetric"])

first = runs[0]
order = [i["input"] for i in inputs]
print(f"# JMH: the manipulation step, {datetime.date.today()}\n")
print(f"- command: `{run_command.strip()}`")
print(f"- JMH: `{jmh_command}`")
print(f"- machine: {machine}; load average (1, 5, 15 min) {load_before} before the run, {load_after} after")
print(f"- JVM: {java}; {first['vmName']} {first['vmVersion']}; JMH {first['jmhVersion']}")
print(
    f"- per run: {first['forks']} fork{'' if first['forks'] == 1 else 's'} × ({first['warmupIterations']} warmup of {first['warmupTime']} + "
    f"{first['measurementIterations']} measured of {first['measurementTime']}), {first['threads']} thread; "
    f"error is JMH's 99.9% confidence half-width; the whole run took {took}\n"
)
print("## Inputs\n")
print("| input | from | items | kept | JSON B | HTML B | Markdown B | text B |\n|---|---|---:|---:|---:|---:|---:|---:|")
for i in inputs:
    print(
        f"| {i['input']} | {i['source']} | {i['items']} | {i['kept']} | {i['json_bytes']} | {i['html_bytes']} "
        f"| {i['markdown_bytes']} | {i['text_bytes']} |"
    )
print("\n## Figures\n")
print("| benchmark | input | ops/s | µs/op | B/op |\n|---|---|---:|---:|---:|")
for name in BENCHMARKS + sorted({n for n, _ in rows} - set(BENCHMARKS)):
    for input_name in order + sorted({i for _, i in rows} - set(order)):
        row = rows.get((name, input_name))
        if not row:
            continue
        thrpt = with_error(*row["thrpt"]) if "thrpt" in row else "–"
        avgt = with_error(*row["avgt"]) if "avgt" in row else "–"
        allocated = f"{row['bytes']:,.0f}" if row.get("bytes") is not None else "–"
        mark = " †" if disturbed(row) else ""
        print(f"| {name}{mark} | {input_name} | {thrpt} | {avgt} | {allocated} |")
if any(disturbed(row) for row in rows.values()):
    print(
        "\n† Error over half the score, or µs/op and ops/s more than 1.5× apart: some iterations were disturbed, "
        "most likely by other work on the machine (see the load average). JMH's JSON (bench/results/tmp/, not "
        "committed) has every iteration; a longer run (`-f 2 -wi 5 -i 5 -w 2s -r 2s`) on a quiet machine settles them. B/op holds."
    )
print("\n| benchmark | measures |\n|---|---|")
for name in BENCHMARKS:
    if any(n == name for n, _ in rows):
        print(f"| {name} | {WHAT[name]} |")
print(
    "\nB/op is `gc.alloc.rate.norm` from `-prof gc` (throughput mode's figure): bytes allocated per operation. "
    "Each render ends in the UTF-8 bytes the HTTP and Lambda edges write, so its figures include that copy. "
    "The machine is a shared 2-core one: compare figures from the same run, not across runs."
)
