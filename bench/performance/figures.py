"""The figures of a performance run, read from its raw files (bench/results/performance-<date>/); used by report.py
and chart.py, so that both say the same thing.

  run.json          the run: date, machine, commands, JVM options, image size (written by run.sh)
  startup/          peers run: cold start, CPU-s and RSS at the first response, beside C3, C2, D2, B7
  steady/           peers run: req/s, p50, p99 on a fresh process after its warm-up, beside C3, C2, D2
  ramp/             peers run: the warm-up, under full load from the first 200, second by second, beside C3, C2
  jar/              peers run: cold start of the plain jar, beside C3, D2
                    (each: the harness's cold.jsonl, load.jsonl or ramp.jsonl, meta.json, table.md, and starts.jsonl:
                    portafunc's own log lines of each start)
  layers.json       the image's layers as a node pulls them (gzip), from jib-image.tar
  image.jsonl       cold starts of the image under podman, interleaved with the shipped configuration on the host
  image-history.json  the image's layers (podman history)

portafunc runs twice in each round: "portafunc" on /v2/manipulate with the peers' body (the targets) and
"portafunc-search" on /v2/searchManipulate with query.json (beside it).
"""
import json, os, statistics

SHIPPED, SEARCH, JAR = "portafunc", "portafunc-search", "portafunc-jar"
REF = "C3"
LABELS = {
    SHIPPED: "portafunc manipulate",
    SEARCH: "portafunc searchManipulate",
    JAR: "portafunc java -jar",
    "image": "portafunc image, podman",
    "host": "portafunc shipped, host",
    "B7": "B7 Spring, every lever",
    "C": "C Quarkus Funqy",
    "C2": "C2 Quarkus + AOT cache",
    "C3": "C3 Quarkus + AOT + platform",
    "D2": "D2 plain JDK + AOT (floor)",
}
CLEAN = 0.3   # the harness's own threshold: a start is clean when other processes used < 0.3 CPU-s during it
CLEAN_LOAD = 1.0   # a load round is clean when other processes used < 1 CPU-s during its measured seconds
ROUNDS = 3    # a figure over fewer rounds shows direction only


def key(variant):
    """portafunc, portafunc-search, portafunc-jar, or a peer's ID (C3-C2+platform -> C3)"""
    return variant if variant.startswith("portafunc") else variant.split("-", 1)[0]


def label(k):
    return LABELS.get(k, k)


def jsonl(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            if line.strip():
                r = json.loads(line)
                out.setdefault(key(r["variant"]), []).append(r)
    return out


def spread(values):
    """median, min, max and n of the values that are there; None when none is"""
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    return {"median": statistics.median(values), "min": values[0], "max": values[-1], "n": len(values)}


class Run:
    """one harness run: figures per variant key, in the run's own order"""

    def __init__(self, d):
        self.meta = json.load(open(os.path.join(d, "meta.json")))
        self.cold = jsonl(os.path.join(d, "cold.jsonl"))
        self.load = jsonl(os.path.join(d, "load.jsonl"))
        self.ramps = jsonl(os.path.join(d, "ramp.jsonl"))
        path = os.path.join(d, "starts.jsonl")
        self.starts = [json.loads(l) for l in open(path)] if os.path.exists(path) else []
        path = os.path.join(d, "table.md")
        self.table = open(path).read() if os.path.exists(path) else ""
        self.order = [key(v) for v in self.meta["variants"]]

    def start(self, k):
        """cold start ms, CPU-s and RSS MB at the first 200, each a spread over the cold rounds"""
        c = self.cold.get(k)
        if not c:
            return None
        return {"ms": spread(r["first200_ms"] for r in c), "cpu_s": spread(r["cpu_s"] for r in c),
                "rss_mb": spread(r["rss_kb"] / 1024 for r in c),
                "clean": sum(1 for r in c if r.get("foreign_cpu_s", 0) < CLEAN)}

    def throughput(self, k):
        """req/s, p50, p99 and RSS after load: each a spread over the clean load rounds (over all of them when none is
        clean, as a neighbour's burst during a round halves its req/s); every round is kept too"""
        rounds = self.load.get(k)
        if not rounds:
            return None
        clean = [r for r in rounds if r.get("foreign_cpu_s", 0) < CLEAN_LOAD]
        used = clean or rounds
        return {"rps": spread(r["rps"] for r in used), "p50_ms": spread(r.get("p50_ms") for r in used),
                "p99_ms": spread(r.get("p99_ms") for r in used),
                "rss_after_mb": spread(r["rss_after_load_kb"] / 1024 for r in used),
                "rounds": rounds, "used": len(used), "clean": len(clean), "non2xx": sum(r["non2xx"] for r in rounds),
                "warmup_s": rounds[0]["warmup_s"], "duration_s": rounds[0]["duration_s"]}

    def ramp(self, k):
        """the warm-up under load: requests in the ramp's seconds and the p99 from its second 10, spreads over the
        rounds; the per-second series (median over the rounds, second by second) of req/s and p99"""
        rounds = self.ramps.get(k)
        if not rounds:
            return None
        n = min(len(r["slices"]) for r in rounds)
        per_s = lambda f: [statistics.median(f(r["slices"][i]) for r in rounds) for i in range(n)]
        p99 = lambda s: next((ms for q, ms in s["q"] if q == 99), None) if s["requests"] else None
        return {"requests": spread(r["requests"] for r in rounds), "p99_tail_ms": spread(r["p99_tail_ms"] for r in rounds),
                "p50_tail_ms": spread(r.get("p50_tail_ms") for r in rounds),
                "first10": spread(r["requests_before_p99"] for r in rounds),
                "rss_after_mb": spread(r["rss_after_kb"] / 1024 for r in rounds),
                "cpu_s": spread(r["cpu_s"] for r in rounds), "wall_s": spread(r["wall_s"] for r in rounds),
                "seconds": rounds[0]["seconds"], "from_s": rounds[0]["p99_from_s"], "n": len(rounds),
                "rps_series": per_s(lambda s: s["requests"] / s["load_s"] if s["load_s"] else 0),
                "p99_series": per_s(lambda s: p99(s) or 0),
                "non2xx": sum(r["non2xx"] for r in rounds), "sockerr": sum(r["sockerr"] for r in rounds),
                "foreign_cpu_s": [r.get("foreign_cpu_s", 0) for r in rounds]}


def load(raw):
    """everything of a run, as a dict"""
    f = {"raw": raw, "run": json.load(open(os.path.join(raw, "run.json")))}
    for name in ("startup", "steady", "ramp", "jar"):
        d = os.path.join(raw, name)
        f[name] = Run(d) if os.path.exists(os.path.join(d, "meta.json")) else None
    f["image"] = jsonl(os.path.join(raw, "image.jsonl"))
    history = os.path.join(raw, "image-history.json")
    f["layers"] = json.load(open(history)) if os.path.exists(history) else []
    pull = os.path.join(raw, "layers.json")
    f["pull"] = json.load(open(pull)) if os.path.exists(pull) else None
    return f


def image_start(f, variant):
    recs = f["image"].get(variant)
    if not recs:
        return None
    s = spread(r["first200_ms"] for r in recs)
    s["rss_mb"] = statistics.median(r["rss_kb"] for r in recs if r.get("rss_kb")) / 1024
    return s


def index_times(f):
    """the local index's opening time (ms, from the app's log) per kind of start"""
    out = {}
    for name, label_ in (("startup", "shipped, host (startup run)"), ("steady", "shipped, host (steady run)"),
                         ("ramp", "shipped, host (ramp run)"), ("jar", "java -jar")):
        run = f.get(name)
        if run and run.starts:
            out[label_] = spread(s["index_ms"] for s in run.starts)
    for variant, label_ in (("image", "image, podman"), ("host", "shipped, host (image rounds)")):
        if f["image"].get(variant):
            out[label_] = spread(r.get("index_ms") for r in f["image"][variant])
    return {k: v for k, v in out.items() if v}


def targets(f):
    """the issue's targets, each against C3 in the same run: a dict with the name, portafunc's spread, C3's, the ratio of
    the medians, the limit, whether higher or lower is better, met or not, the unit, and whether it had the rounds"""
    out = []

    def add(name, mine, ref, limit, higher, unit):
        if not (mine and ref and ref["median"]):
            return
        ratio = mine["median"] / ref["median"]
        out.append({"name": name, "mine": mine, "ref": ref, "ratio": ratio, "limit": limit, "higher": higher,
                    "met": ratio >= limit if higher else ratio <= limit, "unit": unit,
                    "enough": min(mine["n"], ref["n"]) >= ROUNDS})

    a, b, r = f.get("startup"), f.get("steady"), f.get("ramp")
    p, c = (a.start(SHIPPED), a.start(REF)) if a else (None, None)
    if p and c:
        add("cold start, spawn to the first 200 ≤ 1.25× C3", p["ms"], c["ms"], 1.25, False, "ms")
        add("CPU-s to the first response ≤ 1.25× C3", p["cpu_s"], c["cpu_s"], 1.25, False, "s")
        add("RSS after the first response ≤ 1.15× C3", p["rss_mb"], c["rss_mb"], 1.15, False, "MB")
    p, c = (r.ramp(SHIPPED), r.ramp(REF)) if r else (None, None)
    if p and c:
        add(f"warm-up: requests in the first {p['seconds']} s ≥ 1.0× C3's", p["requests"], c["requests"], 1.0, True,
            "requests")
        add(f"warm-up: p99 over seconds {p['from_s']}–{p['seconds']} ≤ 2× C3's", p["p99_tail_ms"], c["p99_tail_ms"],
            2.0, False, "ms")
    p, c = (b.throughput(SHIPPED), b.throughput(REF)) if b else (None, None)
    if p and c:
        add("steady state: manipulate req/s ≥ 1.0× C3", p["rps"], c["rps"], 1.0, True, "req/s")
        add("steady state: manipulate p99 no worse than C3's (≤ 1.0×)", p["p99_ms"], c["p99_ms"], 1.0, False, "ms")
    return out
