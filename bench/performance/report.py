#!/usr/bin/env python3
"""Turns a performance run's raw files (bench/results/performance-<date>/) into the markdown written beside them.

  report.py bench/results/performance-<date> > bench/results/performance-<date>.md
"""
import os, re, sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import figures
from figures import JAR, LABELS, SHIPPED

# What each JVM option trades, for the levers section. The question the issue asks of each: does it buy start-up
# (or footprint) with steady-state speed?
LEVERS = [
    (r"-XX:TieredStopAtLevel=1", "**yes**: C1 only, never C2. Faster start and less JIT CPU, but peak throughput is "
     "capped (the peers' B7 against B4: about 40% of B4's steady state)"),
    (r"-XX:-TieredCompilation", "**yes**, the other way: C2 only, a slow warm-up"),
    (r"-Xint", "**yes**: the interpreter only"),
    (r"-XX:CICompilerCount", "**maybe**: fewer JIT threads, a longer warm-up"),
    (r"-XX:ReservedCodeCacheSize", "**maybe**: when a small code cache fills, the JIT stops compiling"),
    (r"-Dspring.main.lazy-initialization=true", "**yes**: beans are created on first use, so the first requests pay "
     "for what start-up skipped"),
    (r"-XX:\+UseSerialGC", "**maybe**: single-threaded, stop-the-world collections. Less memory and a faster start "
     "than G1. With 1–2 CPUs and a small live set the cost is small, but the pauses grow with the heap and show in "
     "p99. The steady-state rows below measure it"),
    (r"-XX:\+UseParallelGC", "no: throughput collector; stop-the-world pauses"),
    (r"-XX:\+UseZGC|-XX:\+UseShenandoahGC", "no start-up gain: low pauses for more memory and CPU"),
    (r"-XX:MaxRAMPercentage|-XX:MaxRAM=|-Xmx|-XX:MaxHeapSize", "no (footprint): a smaller heap means more frequent "
     "collections, not a slower JIT"),
    (r"-Xmn|-XX:NewSize|-XX:MaxNewSize|-XX:NewRatio", "no: the young generation's size sets how often minor "
     "collections run. Too small, and they run often and promote garbage, which costs throughput"),
    (r"-Xss|-XX:ThreadStackSize", "no (footprint)"),
    (r"-XX:\+UseCompactObjectHeaders", "no: smaller objects, usually faster too"),
    (r"-XX:AOTCache|-XX:SharedArchiveFile|-Xshare", "no: classes loaded and linked ahead of time, with method profiles "
     "from training"),
    (r"-Dspring.aot.enabled=true", "no: bean definitions generated at build time. The catch is flexibility, not "
     "speed: conditions and profiles are fixed when the image is built"),
    (r"-XX:\+ExitOnOutOfMemoryError", "no: the platform restarts the instance"),
    (r"-Djava.io.tmpdir", "no"),
    (r"-XX:CompileThresholdScaling", "**the warm-up, not the steady state**: methods are compiled after more calls, "
     "so the start keeps its cores and the optimising compiler reaches the request's code later; the figures, the "
     "warm-up's and the steady state's, are in the option's comment and bench/results/startup-*.md"),
    (r"-XX:TrimNativeHeapInterval", "no: freed native memory goes back to the system every few seconds; req/s, p99 "
     "and the cold start unchanged (A/B, bench/results/memory-2026-11-26.md)"),
    (r"-XX:-UsePerfData", "no: no performance counters, which only jps and jstat read"),
    (r"-Djdk.reflect.useNativeAccessorOnly=true", "**alone, yes**: Jackson calls each record accessor "
     "reflectively; with jackson-module-blackbird's generated accessors, no (the A/B in bench/results/startup-*.md)"),
]


def lever(option):
    for pattern, verdict in LEVERS:
        if re.match(pattern, option):
            return verdict
    return "not classified; measure it"


def options(text):
    """(option, the comment above it) for each line of a jvm.options file"""
    out, why = [], []
    for line in text.splitlines():
        line = line.strip()
        if line == "#":                # a paragraph break: what came before is about the file
            why = []
        elif line.startswith("#"):
            why.append(line.lstrip("#").strip())
        elif line:
            out.append((line, " ".join(w for w in why if w) or "–"))
            why = []
        else:
            why = []
    return out


def spread(s, unit=""):
    return f"{s['median']:.0f}{unit} [{s['min']:.0f}–{s['max']:.0f}] ({s['n']})" if s else "–"


def mb(x):
    return f"{x:.0f}" if x is not None else "–"


def size_text(n):
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def ratio(x, y):
    return f"{x / y:.2f}×"


def label(k):
    return LABELS.get(k, k)


def main(raw):
    f = figures.load(raw)
    run, a, b, c = f["run"], f["startup"], f["manipulate"], f["jar"]
    quick = run.get("quick") == "1"
    p = print
    p(f"# Performance: portafunc as it ships, beside the peers ({run['date']})\n")
    if quick:
        p(f"> **Quick run**: {run['cold_rounds']} cold rounds, {run['load_rounds']} load round(s) after a "
          f"{run['warmup_s']} s warm-up. The figures show direction only. Judge the targets on a full run "
          "(`bench/performance/run.sh`: 7 cold rounds; 2 load rounds, 5 for manipulate, after 40 s of warm-up).\n")
    if run.get("note"):
        p(f"> Note: {run['note']}\n")
    p("The shipped configuration is the image's own Java runtime, JVM options and AOT cache. It is started on the "
      "host exactly as the image's entrypoint starts it, so that the peers harness can measure it in the same "
      "interleaved rounds as the peers. **Only ratios within one run count.** The machine is shared, so absolute "
      "figures vary from run to run.\n")
    p(f"- date: {run['date']} (finished {run.get('finished', '?')})")
    p(f"- machine: {run['machine']}")
    p(f"- built from: commit {run.get('commit', 'not recorded')}")
    p(f"- load average (1, 5, 15 min): {run['load_before']} before, {run.get('load_after', '?')} after (the run's "
      "own load rounds raise it; the noise line below is the better measure)")
    p(f"- JVM, shipped: {run['shipped_java']} (the image's jlinked runtime); peers and `java -jar`: "
      f"{a.meta['java'] if a else '?'}")
    noise = []
    for name, r in (("startup", a), ("jar", c)):
        if r:
            n = sum(len(v) for v in r.cold.values())
            clean = sum(1 for v in r.cold.values() for x in v if x.get("foreign_cpu_s", 0) < figures.CLEAN)
            waited = sum(1 for v in r.cold.values() for x in v if x.get("gate_wait_s", 0) >= 19.9)
            gave_up = f"; {waited} started after the 20 s quiet gate gave up" if waited else ""
            noise.append(f"{name} run: {clean} of {n} cold starts clean (other processes < {figures.CLEAN} CPU-s "
                         f"during the start){gave_up}")
    busy_rounds = 0
    for name, r in (("startup", a), ("manipulate", b)):
        foreign = [x.get("foreign_cpu_s", 0) for v in (r.load.values() if r else []) for x in v]
        busy_rounds += sum(1 for x in foreign if x > 1.0)
        if foreign:
            noise.append(f"{name} load rounds: other processes used up to {max(foreign):.1f} CPU-s during a "
                         f"measured round ({r.meta['duration_s']} s on {r.meta['cpus']} CPUs)")
    if noise:
        p(f"- noise: {'; '.join(noise)}")
    before = float(run["load_before"].split()[0])
    if before > 1.0 or busy_rounds:
        p(f"\n> **The machine was busy**: load average {before:.1f} at the start, and other processes took more than "
          f"1 CPU-s in {busy_rounds} measured load round(s). Check the "
          "clean-start counts, the max values and each load round's `foreign` CPU (in `load.jsonl`) before "
          "trusting a ratio. Throughput suffers most, since wrk, the server and the neighbour share 2 cores.")
    p("\nCommands:\n")
    p("```sh")
    p(run["invocation"])
    if run.get("built"):
        p(f"# it built: {run['built']}")
    for name in ("startup", "manipulate", "jar", "image"):
        if run.get(f"command_{name}"):
            p(f"# {name}: {run[f'command_{name}']}")
    p("```")
    p("\nThe shipped configuration (`portafunc` in the tables):\n")
    p(f"```sh\n{run['shipped']}\n```\n")

    p("## Targets\n")
    p("| target | portafunc | reference | ratio | limit | met? |")
    p("|---|---|---|---|---|---|")
    for name, mine, ref, r, limit, met, unit in figures.targets(f):
        verdict = "met" if met else f"**not met** ({r:.2f}×)"
        digits = 1 if unit == "ms" and ref < 100 else 0
        p(f"| {name} | {mine:.{digits}f} {unit} | {ref:.{digits}f} {unit} | {r:.2f}× | {limit:g}× | {verdict} |")
    others = []
    for name, r in (("startup run, searchManipulate", a), ("manipulate run", b)):
        t, c_ = (r.throughput(SHIPPED), r.throughput("C")) if r else (None, None)
        if t:
            others.append(f"RSS after load ({name}): {t['rss_after_mb']:.0f} MB"
                          + (f" (C: {c_['rss_after_mb']:.0f} MB)" if c_ else ""))
    img, host = figures.image_start(f, "image"), figures.image_start(f, "host")
    if img and host:
        others.append(f"The image under podman: cold start {img['median']:.0f} ms against {host['median']:.0f} ms "
                      f"on the host in the same rounds ({img['median'] / host['median']:.2f}×)")
    if run.get("image_size"):
        others.append(f"Image size: {int(run['image_size']) / 1e6:.0f} MB uncompressed")
    for name, s_ in figures.index_times(f).items():
        others.append(f"The local index opens in {s_['median']:.0f} ms (median, {name})")
        break
    j = c.start(JAR) if c else None
    if j:
        others.append(f"`java -jar portafunc.jar`: cold start {j['median']:.0f} ms (its own run, "
                      f"{j['median'] / c.start('D2')['median']:.1f}× D2 there)" if c.start("D2") else "")
    if a and b:
        bt = b.throughput(SHIPPED)
        at = a.throughput(SHIPPED)
        if at and bt:
            others.append(f"Under load, searchManipulate gives {at['rps']:.0f} req/s, p99 {at['p99_ms']:.1f} ms "
                          f"(manipulate alone: {bt['rps']:.0f} req/s)")
    if others:
        p("\nOther figures:\n")
        for o in others:
            if o:
                p(f"- {o}")
    p("\nCold start = spawn to the first HTTP 200, median over the interleaved rounds. RSS = VmRSS at that first 200. "
      "Throughput = `wrk -t1 -c16 --latency` on a fresh process after its warm-up, median over the clean rounds "
      "(see below).\n")

    p("## portafunc beside each peer\n")
    p("Startup run: portafunc answers `POST /v2/searchManipulate {\"query\":\"knative scale zero\"}`, which searches "
      "the embedded index and digests 10 results. The peers answer their `POST /manipulate` with the 10 results of "
      "`body.json`. The work differs, so that run's req/s are context. The throughput target is judged on the "
      "manipulate run, where portafunc gets the peers' own body on `POST /v2/manipulate`.\n")
    p("| variant | cold start median [min–max] (n) ms | portafunc ÷ it | CPU-s to 1st resp | RSS 1st resp MB "
      "| portafunc ÷ it | startup run: req/s, p99 ms, RSS after MB | manipulate run: req/s | p99 ms | RSS after MB "
      "| portafunc req/s ÷ it |")
    p("|---" * 11 + "|")
    keys = a.order if a else []
    keys += [k for k in (b.order if b else []) if k not in keys]
    mine_s = a.start(SHIPPED) if a else None
    mine_t = b.throughput(SHIPPED) if b else None
    for k in keys:
        s = a.start(k) if a else None
        ta = a.throughput(k) if a else None
        tb = b.throughput(k) if b else None
        other = k != SHIPPED
        cold_ratio = ratio(mine_s["median"], s["median"]) if s and mine_s and other else "–"
        rss_ratio = ratio(mine_s["rss_mb"], s["rss_mb"]) if s and mine_s and other else "–"
        rps_ratio = ratio(mine_t["rps"], tb["rps"]) if tb and mine_t and other else "–"
        name = f"**{label(k)}**" if k == SHIPPED else label(k)
        cpu = f"{s['cpu_s']:.2f}" if s else "–"
        rss = mb(s["rss_mb"]) if s else "–"
        run_a = f"{ta['rps']:.0f}, {ta['p99_ms']:.1f}, {ta['rss_after_mb']:.0f}" if ta else "–"
        rounds = lambda fmt: " / ".join(fmt(x) for x in tb["rounds"]) if tb else "–"
        p(f"| {name} | {spread(s)} | {cold_ratio} | {cpu} | {rss} | {rss_ratio} | {run_a} "
          f"| {rounds(lambda x: format(x['rps'], '.0f'))} "
          f"| {rounds(lambda x: format(x['p99_ms'], '.1f'))} "
          f"| {rounds(lambda x: format(x['rss_after_load_kb'] / 1024, '.0f'))} | {rps_ratio} |")
    if a and a.load:
        t = next(iter(a.load.values()))[0]
        p(f"\nLoad: {t['warmup_s']} s warm-up, then {t['duration_s']} s measured, per round; the manipulate run's "
          "rounds are shown as \"round0 / round1 / …\". The ratio column and the targets use the median over the clean "
          f"rounds, those during which other processes used less than {figures.CLEAN_LOAD:g} CPU-s (over all rounds "
          "when none was clean).")
    if (a and a.load) or (b and b.load):
        p("\nEach load round's req/s, with the CPU-s that other processes (the neighbours, not wrk or the server) used "
          f"during its measured seconds in brackets. From {figures.CLEAN_LOAD:g} CPU-s on, the round counts as "
          "disturbed:\n")
        p("| variant | startup run | manipulate run |\n|---|---|---|")
        for k in keys:
            cells = []
            for r in (a, b):
                rounds = r.load.get(k, []) if r else []
                others_cpu = lambda x: max(0.0, x.get("foreign_cpu_s", 0))
                cells.append(" / ".join(f"{x['rps']:.0f} ({others_cpu(x):.1f})" for x in rounds) or "–")
            p(f"| {label(k)} | {cells[0]} | {cells[1]} |")
    bad = [k for r in (a, b) if r for k in r.load if any(x["non2xx"] for x in r.load[k])]
    if bad:
        p(f"\n**Non-2xx responses under load** from: {', '.join(sorted(set(bad)))}. Their req/s are not comparable.")

    p("\n## The image\n")
    if run.get("image_skipped"):
        p(f"Not measured ({run['image_skipped']}).\n")
    else:
        size = int(run["image_size"])
        added = sum(l["size"] for l in f["layers"] if str(l.get("CreatedBy", "")).startswith("jib"))
        p(f"`{run['image_ref']}` (ID {run['image_id'].removeprefix('sha256:')[:12]}).\n")
        if run.get("image_given"):
            p("Given with `IMAGE=`: this image was not built by this run, so it may come from other sources than the "
              "shipped configuration measured above. The layer sizes below are the image's own; the split into "
              "runtime, cache and jars is from this run's build.\n")
        p("| figure | value |\n|---|---|")
        p(f"| image size (podman, uncompressed) | {size / 1e6:.0f} MB |")
        if added:
            p(f"| of which portafunc's layers | {added / 1e6:.0f} MB: the Java runtime "
              f"{run.get('runtime_mb', '?')} MB, the AOT cache {run['aot_cache_mb']} MB, the application's jars "
              f"{run.get('jars_mb', '?')} MB |")
            p(f"| of which the base | {(size - added) / 1e6:.0f} MB (this run's base; the published base is "
              "Debian 13 slim) |")
        if run.get("image_tar_size"):
            p(f"| `jib-image.tar` (compressed layers, roughly what a registry stores) | "
              f"{int(run['image_tar_size']) / 1e6:.0f} MB |")
        mine = [l for l in f["layers"] if str(l.get("CreatedBy", "")).startswith("jib")]
        if mine:
            named = ", ".join(f"{l.get('comment', '?')} {size_text(l['size'])}" for l in mine)
            p(f"| the layers, as Jib names them | {named} |")
        img, host = figures.image_start(f, "image"), figures.image_start(f, "host")
        if run.get("image_error"):
            p(f"\n**The image's cold starts failed**: {run['image_error'].strip()}")
        if img:
            p("\nCold start of the image, `podman run --rm --pull=never --network host -e PORT=… IMAGE` to the first "
              "200 on `/v2/searchManipulate` (polled in-process every 5 ms), interleaved with the same configuration "
              "on the host:\n")
            p("| start | cold start median [min–max] (n) ms | RSS 1st resp MB |\n|---|---|---|")
            p(f"| image, podman | {spread(img)} | {mb(img['rss_mb'])} (the container's JVM) |")
            if host:
                p(f"| shipped, host | {spread(host)} | {mb(host['rss_mb'])} |")
                p(f"\nThe container adds {img['median'] - host['median']:.0f} ms to the median "
                  f"({img['median'] / host['median']:.2f}×): podman, runc, the namespaces.")
    p("\n## The local index\n")
    p("The time to open the shipped index, from the app's own line `Local index: 42 documents opened from the "
      "shipped index in N ms`, in each start's log:\n")
    p("| starts | index open median [min–max] (n) ms |\n|---|---|")
    for name, s in figures.index_times(f).items():
        p(f"| {name} | {spread(s)} |")
    started = [x["started"] for x in (a.starts if a else []) if x.get("started")]
    if started:
        secs = sorted(float(re.search(r"in ([0-9.]+) seconds", x).group(1)) for x in started)
        p(f"\nSpring's own `Started PortafuncApplication in … seconds`, shipped: median {secs[len(secs) // 2]:.2f} s "
          f"over {len(secs)} starts.")

    p("\n## The plain jar, for context\n")
    if c and c.start(JAR):
        j = c.start(JAR)
        p(f"`{run['jar']}`, in its own run with C2 and D2 as yardsticks:\n")
        p("| variant | cold start median [min–max] (n) ms | CPU-s to 1st resp | RSS 1st resp MB | ÷ D2 |")
        p("|---|---|---|---|---|")
        d2 = c.start("D2")
        for k in c.order:
            s = c.start(k)
            if s:
                to_d2 = ratio(s["median"], d2["median"]) if d2 else "–"
                p(f"| {label(k)} | {spread(s)} | {s['cpu_s']:.2f} | {mb(s['rss_mb'])} | {to_d2} |")
        if d2 and a and a.start("D2") and mine_s:
            shipped_d2 = mine_s["median"] / a.start("D2")["median"]
            jar_d2 = j["median"] / d2["median"]
            p(f"\nMeasured against D2 in each run: the jar is {jar_d2:.1f}× the floor and the shipped configuration "
              f"is {shipped_d2:.1f}×, so shipping as the image does makes the cold start about "
              f"{jar_d2 / shipped_d2:.1f}× faster.")
    else:
        p("Not measured.")

    p("\n## Levers\n")
    p("The JVM options the image starts with (`functions/app/target/image-root/app/jvm.options`, from "
      "`deploy/image/jvm.options`), plus the AOT cache on the entrypoint. The last column answers the issue's "
      "question: does the option trade steady-state speed for start-up?\n")
    p("| option | why (the file's comment) | trades steady-state speed for start-up? |\n|---|---|---|")
    opts = options(run["jvm_options"]) + [("-XX:AOTCache=/app/portafunc.aot", "on the entrypoint: trained at build "
                                           f"time with real requests ({run['aot_cache_mb']} MB)")]
    for option, why in opts:
        p(f"| `{option}` | {why} | {lever(option)} |")
    trades = [o for o, _ in opts if lever(o).startswith("**yes")]
    p("")
    if trades:
        p(f"**Options that trade steady-state speed for start-up: {', '.join(f'`{o}`' for o in trades)}.**")
    else:
        p("No option makes that trade outright: there is no C1-only, no interpreter and no lazy initialisation.")
    if mine_t and b.throughput("C"):
        r = b.throughput("C")
        p(f"Measured in the manipulate run, steady state: portafunc {mine_t['rps']:.0f} req/s, p99 "
          f"{mine_t['p99_ms']:.1f} ms against C's {r['rps']:.0f} req/s, p99 {r['p99_ms']:.1f} ms "
          f"({mine_t['rps'] / r['rps']:.2f}× the throughput, {mine_t['p99_ms'] / r['p99_ms']:.2f}× the p99). "
          f"RSS after load: {mine_t['rss_after_mb']:.0f} MB against {r['rss_after_mb']:.0f} MB.")
    p("\n## The peers' own tables\n")
    for name, r in (("Startup run", a), ("Manipulate run", b), ("Jar run", c)):
        if r and r.table:
            p(f"### {name}\n\n{r.table.strip()}\n")
    rel = os.path.relpath(raw, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    p("## Raw data\n")
    p(f"`{rel}/`: each harness run's `cold.jsonl`, `load.jsonl`, `meta.json` and `table.md`, the index times of each "
      "start (`starts.jsonl`), the image's cold starts (`image.jsonl`) and layers. Redraw the chart with "
      f"`python3 bench/performance/chart.py {rel}`.\n")
    p(f"![cold start, RSS and throughput]({os.path.basename(raw)}.svg)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1].rstrip("/"))
