#!/usr/bin/env bash
# A corpus of one's own (docs/custom-corpus.md) at 1,000, 5,000 and 50,000 documents: its index written once by the
# documented command and opened at start, against the same folder of Markdown files indexed at every start. For each
# size and way, the cold start as the image starts it (spawn to the first 200 of POST /v2/searchManipulate with
# bench/performance/query.json, polled every 5 ms), the RSS at that moment, and the median time of the next 200
# searches. The shipped corpus is the reference, as shipped (its index in the jar, copied into memory) and written by
# the same command and opened memory-mapped. The ways are started alternately, the order swapped every round. Then,
# per size, what a warm search costs in one process (bench/startup/SearchCost.java): the index memory-mapped as a start
# opens it, against the same index held in memory with its documents decoded, as an index built at start is held.
#
#   bench/startup/corpus.sh [--rounds 3] [--sizes "1000 5000 50000"] [--at-start-rounds 1] [--at-start-timeout 300]
#                           [--rebuild]
#
# The corpora are synthetic and deterministic: Markdown with front matter, headings, paragraphs, lists and code, about
# 4 KB a file, its words drawn from the shipped corpus's vocabulary and a long tail of made-up words (Zipf-like). They
# and their indexes are kept in $BENCH_WORK (bench/results/tmp/corpus), and made again only when missing. Indexing the
# largest corpus at start takes long, and may not fit the heap the image gives a 1 GiB machine: it runs for
# --at-start-rounds only (1), a start that dies or passes --at-start-timeout seconds is reported as such, and one that
# runs out of memory is started once more with a 2 GiB heap (-XX:MaxRAM=4g).
# Writes bench/results/corpus-<date>.md. Needs the image's files (built if missing), a JDK 25 and python3.
. "$(dirname "$0")/../lib.sh"
rounds=3 sizes="1000 5000 50000" at_start_rounds=1 at_start_timeout=300 rebuild=0
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --sizes) sizes=$2; shift ;;
    --at-start-rounds) at_start_rounds=$2; shift ;;
    --at-start-timeout) at_start_timeout=$2; shift ;;
    --rebuild) rebuild=1 ;;
    *) die "unknown option $1" ;;
  esac
  shift
done
select_java
need python3 "apt-get install python3"
image_files >/dev/null
jar=$(image_file jar)
[ -f "$jar" ] || die "$jar is missing: ./mvnw -q -B install -DskipTests -pl functions/core,functions/app"
work=${BENCH_WORK:-$REPO/bench/results/tmp}/corpus
mkdir -p "$work"
shipped_command -XX:AOTMode=on

# The synthetic corpora, generated once each (the marker names the generator's version).
for n in $sizes; do
  if [ ! -f "$work/corpus-$n/.generated-v1" ]; then
    echo "bench: generating $n documents in $work/corpus-$n" >&2
    rm -rf "$work/corpus-$n"
    python3 - "$REPO/functions/core/src/main/resources/portafunc/corpus" "$work/corpus-$n" "$n" <<'PY'
import collections, os, random, re, sys
shipped, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
# The vocabulary: the shipped corpus's words by frequency, then 40,000 made-up ones; drawn with Zipf-like weights.
counts = collections.Counter()
for root, _, files in os.walk(shipped):
    for name in sorted(files):
        counts.update(re.findall(r"[a-z]{2,}", open(os.path.join(root, name), encoding="utf-8").read().lower()))
words = [w for w, _ in counts.most_common()]
made = random.Random(7)
syllables = ["ka", "lo", "mi", "ren", "sto", "va", "qui", "del", "tor", "an", "pe", "xu", "bri", "gon", "sa", "te"]
seen = set(words)
while len(words) < len(counts) + 40000:
    word = "".join(made.choice(syllables) for _ in range(made.randint(2, 4)))
    if word not in seen:
        seen.add(word); words.append(word)
cum, total = [], 0.0
for rank in range(len(words)):
    total += 1 / (rank + 1) ** 1.07
    cum.append(total)

def text(rng, n, topic):
    drawn = rng.choices(words, cum_weights=cum, k=n)
    return [rng.choice(topic) if rng.random() < 0.12 else w for w in drawn]

def sentence(rng, topic):
    ws = text(rng, rng.randint(7, 22), topic)
    return ws[0].capitalize() + " " + " ".join(ws[1:]) + rng.choice([".", ".", ".", "?", "!"])

def paragraph(rng, topic):
    return " ".join(sentence(rng, topic) for _ in range(rng.randint(2, 6)))

for i in range(count):
    rng = random.Random(1_000_003 * i + 17)
    topic = rng.sample(words[50:6000], 25)
    target = max(1200, int(rng.lognormvariate(8.25, 0.35)))  # median ~3.8 KB, mean ~4 KB
    title = " ".join(text(rng, rng.randint(3, 7), topic)).title()
    section = f"section-{i % 100:02d}"
    parts = [f"---\ntitle: {title}\nurl: https://docs.example.org/{section}/doc-{i:05d}\nlang: en\n---\n",
             f"# {title}\n", paragraph(rng, topic) + "\n"]
    size = sum(len(p) + 1 for p in parts)
    while size < target:
        kind = rng.random()
        if kind < 0.15:
            block = "## " + " ".join(text(rng, rng.randint(2, 5), topic)).capitalize() + "\n"
        elif kind < 0.25:
            block = "\n".join("- " + " ".join(text(rng, rng.randint(3, 9), topic)) for _ in range(rng.randint(2, 5))) + "\n"
        elif kind < 0.30:
            block = "```\n" + "\n".join(f"{rng.choice(words[:300])}({rng.randint(0, 99)})" for _ in range(rng.randint(2, 6))) + "\n```\n"
        else:
            block = paragraph(rng, topic) + "\n"
        parts.append(block)
        size += len(block) + 1
    os.makedirs(os.path.join(out, section), exist_ok=True)
    with open(os.path.join(out, section, f"doc-{i:05d}.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(parts))
open(os.path.join(out, ".generated-v1"), "w").close()
PY
  fi
done

# Their indexes, and the shipped corpus's, written by the documented command from the application's jar, and what that
# took.
builds=$work/builds.tsv
: > "$builds"
rm -rf "$work/corpus-shipped"
cp -r "$REPO/functions/core/src/main/resources/portafunc/corpus" "$work/corpus-shipped"
for n in shipped $sizes; do
  rm -rf "$work/index-$n"
  echo "bench: indexing corpus-$n" >&2
  python3 - "$builds" "$n" "$work/corpus-$n" "$work/index-$n" java "-Dloader.main=dev.portafunc.search.local.IndexCommand" \
    -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher "$work/corpus-$n" "$work/index-$n" <<'PY'
import os, resource, subprocess, sys, time
out, n, corpus, index, command = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
started = time.monotonic()
subprocess.run(command, check=True, stdout=sys.stderr, stderr=subprocess.DEVNULL)
seconds = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
def size(folder):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(folder) for f in fs)
with open(out, "a") as f:
    f.write(f"{n}\t{size(corpus)}\t{size(index)}\t{seconds:.1f}\t{peak:.0f}\n")
PY
done

# What a warm search costs, mapped and in memory (the in-memory copy of the largest index needs a larger heap).
mkdir -p "$work/classes"
javac -proc:none -d "$work/classes" -cp "$(sed 's/^-cp //' "$(image_file classpath)")" "$BENCH/startup/SearchCost.java"
costs=$work/costs.md
: > "$costs"
for n in $sizes; do
  echo "bench: searching index-$n, mapped and in memory" >&2
  "$(image_file java)" "@$(image_file jvm.options)" -Xmx2g --enable-native-access=ALL-UNNAMED \
    -cp "$(sed 's/^-cp //' "$(image_file classpath)"):$work/classes" dev.portafunc.search.local.SearchCost \
    "$work/index-$n" 1.5 2>/dev/null >> "$costs"
done

# The starts: the shipped corpus, then per size its index and its folder of files.
variants=("shipped=" "index-shipped=$work/index-shipped")
for n in $sizes; do variants+=("index-$n=$work/index-$n" "at-start-$n=$work/corpus-$n"); done
python3 - "$rounds" "$at_start_rounds" "$at_start_timeout" "$BENCH/performance/query.json" "$builds" \
  "$(machine)" "$(built_from)" "$costs" "${variants[@]}" -- "${SHIPPED[@]}" > "$work/report.md" <<'PY'
import datetime, os, signal, socket, statistics, subprocess, sys, time, urllib.request
args = sys.argv[1:]
split = args.index("--")
rounds, at_start_rounds, timeout, query, builds, machine, commit, costs = args[:8]
rounds, at_start_rounds, timeout = int(rounds), int(at_start_rounds), float(timeout)
query = open(query, "rb").read()
variants = [v.split("=", 1) for v in args[8:split]]
command = args[split + 1:]
LARGE = 10_000  # at-start sizes from here on run --at-start-rounds only

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port

def post(port):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v2/searchManipulate", data=query,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()

def cold_start(path, flags=()):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "JAVA_TOOL_OPTIONS"} | {"PORT": str(port)}
    if path:
        env["PORTAFUNC_SEARCH_LOCAL_PATH"] = path
    spawned = time.monotonic()
    # the JVM flags go after the image's own (its java, jvm.options, AOT cache), before the class path and main class
    app = subprocess.Popen(command[:4] + list(flags) + command[4:], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    try:
        while True:
            if app.poll() is not None:
                tail = app.stderr.read().decode(errors="replace").strip().splitlines()[-1:]
                return {"failed": f"exited with {app.returncode}" + (f": {tail[0][:160]}" if tail else "")}
            if time.monotonic() - spawned > timeout:
                return {"failed": f"no answer after {timeout:.0f} s"}
            try:
                post(port)
                break
            except OSError:
                time.sleep(0.005)
        elapsed = (time.monotonic() - spawned) * 1000
        with open(f"/proc/{app.pid}/status") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024
        times = []
        for _ in range(200):
            began = time.perf_counter()
            post(port)
            times.append((time.perf_counter() - began) * 1000)
        return {"ms": elapsed, "rss": rss, "search": statistics.median(times)}
    finally:
        if app.poll() is None:
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(timeout=30)
            except subprocess.TimeoutExpired:
                app.kill(); app.wait()

def runs(name):
    large = name.startswith("at-start-") and int(name.rsplit("-", 1)[1]) >= LARGE
    return at_start_rounds if large else rounds

results = {name: [] for name, _ in variants}
for r in range(rounds):
    order = variants if r % 2 == 0 else variants[::-1]
    for name, path in order:
        if r < runs(name):
            print(f"bench: round {r + 1}/{rounds}: {name}", file=sys.stderr)
            results[name].append(cold_start(path))
            time.sleep(0.5)

# A start that ran out of memory (ExitOnOutOfMemoryError: status 3), once more with a 2 GiB heap.
BIG_HEAP = "-XX:MaxRAM=4g"
for name, path in list(variants):
    if any(v.get("failed", "").startswith("exited with 3") for v in results[name]):
        print(f"bench: {name} again with {BIG_HEAP}", file=sys.stderr)
        variants.append((f"{name}@big", path))
        results[f"{name}@big"] = [cold_start(path, [BIG_HEAP])]

def spread(values, unit, digits=0):
    values = sorted(values)
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.{digits}f} {unit}"
    return f"{median:.{digits}f} {unit} ({values[0]:.{digits}f}–{values[-1]:.{digits}f})"

built = {}
for line in open(builds):
    n, corpus, index, seconds, peak = line.split("\t")
    built[n] = (int(corpus), int(index), float(seconds), float(peak))

print(f"# A corpus of one's own: its index written once, against indexing it at every start ({datetime.date.today()})\n")
print(f"`bench/startup/corpus.sh --rounds {rounds}` at {commit}, on {machine}. Synthetic Markdown corpora (about 4 KB a file,"
      " front matter, headings, lists, code); the image's start on the host (its jlinked Java, jvm.options, AOT cache,"
      " class path), the ways started alternately. Cold start: spawn to the first 200 of `POST /v2/searchManipulate`"
      " (`bench/performance/query.json`); RSS at that moment; then the median of the next 200 requests, one at a time"
      " over one connection each (Python's urllib: the figure includes its overhead). Medians, with (min–max) across"
      " rounds.\n")
print("## Writing the index (`IndexCommand`, from the application's jar)\n")
print("| documents | corpus | index | written in | the command's peak RSS |")
print("|---:|---:|---:|---:|---:|")
for n, (corpus, index, seconds, peak) in built.items():
    print(f"| {n if n == 'shipped' else format(int(n), ','):} | {corpus / 2**20:.1f} MB | {index / 2**20:.1f} MB | {seconds:.1f} s | {peak:.0f} MB |")
print("\n## Starting\n")
print("| corpus | way | starts | cold start | RSS at the first response | a search after it |")
print("|---|---|---:|---:|---:|---:|")
for name, path in variants:
    values = results[name]
    ok = [v for v in values if "ms" in v]
    failed = [v["failed"] for v in values if "failed" in v]
    big = name.endswith("@big")
    name = name.removesuffix("@big")
    if name == "shipped":
        corpus, way = "shipped (42 documents)", "index in the jar, copied into memory (as shipped)"
    elif name == "index-shipped":
        corpus, way = "shipped (42 documents)", "index written once, opened"
    else:
        kind, n = name.rsplit("-", 1)
        corpus = f"{int(n):,} documents"
        way = "index written once, opened" if kind == "index" else "files indexed at start"
    if big:
        way += f", with a 2 GiB heap (`{BIG_HEAP}`)"
    if ok:
        cells = (spread([v["ms"] for v in ok], "ms"), spread([v["rss"] for v in ok], "MB"),
                 spread([v["search"] for v in ok], "ms", 1))
    else:
        cells = ("–", "–", "–")
    note = f"; {len(failed)} failed: {failed[0]}" if failed else ""
    print(f"| {corpus} | {way} | {len(ok)}{note} | {' | '.join(cells)} |")
print("\nExit status 3 is the image's `-XX:+ExitOnOutOfMemoryError`: the heap it gives a 1 GiB machine (512 MB) ran out.")
print("\n## A search once warm, in one process (`bench/startup/SearchCost.java`)\n")
print("The same index memory-mapped with each result's stored fields read from it (as a start opens an index written"
      " once), and copied into memory with every document decoded (as an index built at start is held): microseconds per"
      " search of ten results with snippets, the mean of two measured stretches of 1.5 s (each in brackets), each after"
      " as long a warm-up.\n")
print("| documents | query | memory-mapped | in memory, decoded |")
print("|---:|---|---:|---:|")
print(open(costs).read().rstrip())
PY
date=$(date +%F)
out="$BENCH/results/corpus-$date.md"
cp "$work/report.md" "$out"
cat "$out"
echo "bench: wrote $out" >&2
