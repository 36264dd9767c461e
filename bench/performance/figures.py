"""The figures of a performance run, read from its raw files (bench/results/performance-<date>/); used by report.py
and chart.py, so that both say the same thing.

  run.json          the run: date, machine, commands, JVM options, image size (written by run.sh)
  startup/          peers run a: cold start, RSS, searchManipulate under load (portafunc) beside C, C2, D2, B7
  manipulate/       peers run b: manipulate under load on the peers' body, beside C, C2, D2
  jar/              peers run c: cold start of the plain jar, beside C2, D2
                    (each: the harness's cold.jsonl, load.jsonl, meta.json, table.md, and starts.jsonl: the app's
                    own log lines of each start)
  image.jsonl       cold starts of the image under podman, interleaved with the shipped configuration on the host
  image-history.json  the image's layers (podman history)
"""
import json, os, statistics

SHIPPED, JAR = "portafunc", "portafunc-jar"
LABELS = {
    SHIPPED: "portafunc (shipped)",
    JAR: "portafunc java -jar",
    "image": "portafunc image, podman",
    "host": "portafunc shipped, host",
    "A": "A Spring fat jar",
    "B7": "B7 Spring, every lever",
    "C": "C Quarkus Funqy",
    "C2": "C2 Quarkus + AOT cache",
    "D2": "D2 plain JDK + AOT (floor)",
}
CLEAN = 0.3   # the harness's own threshold: a start is clean when other processes used < 0.3 CPU-s during it
CLEAN_LOAD = 1.0   # a load round is clean when other processes used < 1 CPU-s during its measured seconds


def key(variant):
    """portafunc, portafunc-jar, or a peer's ID (C2-quarkus-funqy+aotcache -> C2)"""
    return variant if variant.startswith("portafunc") else variant.split("-", 1)[0]


def jsonl(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            if line.strip():
                r = json.loads(line)
                out.setdefault(key(r["variant"]), []).append(r)
    return out


def spread(values):
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
        self.starts = [json.loads(l) for l in open(os.path.join(d, "starts.jsonl"))] \
            if os.path.exists(os.path.join(d, "starts.jsonl")) else []
        self.table = open(os.path.join(d, "table.md")).read() if os.path.exists(os.path.join(d, "table.md")) else ""
        self.order = [key(v) for v in self.meta["variants"]]

    def start(self, k):
        """cold start ms, CPU-s and RSS MB at the first 200, over the cold rounds"""
        c = self.cold.get(k)
        if not c:
            return None
        s = spread(r["first200_ms"] for r in c)
        s["cpu_s"] = statistics.median(r["cpu_s"] for r in c)
        s["rss_mb"] = statistics.median(r["rss_kb"] for r in c) / 1024
        s["clean"] = sum(1 for r in c if r.get("foreign_cpu_s", 0) < CLEAN)
        return s

    def throughput(self, k):
        """req/s, p50, p99 and RSS after load: the median over the clean load rounds (over all of them when none is
        clean, as a neighbour's burst during a round halves its req/s); every round is kept too"""
        rounds = self.load.get(k)
        if not rounds:
            return None
        clean = [r for r in rounds if r.get("foreign_cpu_s", 0) < CLEAN_LOAD]
        used = clean or rounds
        med = lambda f: statistics.median(r[f] for r in used if r.get(f) is not None)
        return {"rps": med("rps"), "p50_ms": med("p50_ms"), "p99_ms": med("p99_ms"),
                "rss_first_mb": med("rss_first_kb") / 1024, "rss_after_mb": med("rss_after_load_kb") / 1024,
                "rounds": rounds, "used": len(used), "clean": len(clean), "non2xx": sum(r["non2xx"] for r in rounds),
                "warmup_s": rounds[0]["warmup_s"], "duration_s": rounds[0]["duration_s"]}


def load(raw):
    """everything of a run, as a dict"""
    f = {"raw": raw, "run": json.load(open(os.path.join(raw, "run.json")))}
    for name in ("startup", "manipulate", "jar"):
        d = os.path.join(raw, name)
        f[name] = Run(d) if os.path.exists(os.path.join(d, "meta.json")) else None
    f["image"] = jsonl(os.path.join(raw, "image.jsonl"))
    history = os.path.join(raw, "image-history.json")
    f["layers"] = json.load(open(history)) if os.path.exists(history) else []
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
    for name, label in (("startup", "shipped, host (startup run)"), ("manipulate", "shipped, host (manipulate run)"),
                        ("jar", "java -jar")):
        run = f.get(name)
        if run and run.starts:
            out[label] = spread(s["index_ms"] for s in run.starts)
    for variant, label in (("image", "image, podman"), ("host", "shipped, host (image rounds)")):
        if f["image"].get(variant):
            out[label] = spread(r.get("index_ms") for r in f["image"][variant])
    return {k: v for k, v in out.items() if v}


def targets(f):
    """the issue's targets: (name, portafunc's figure, the reference's, ratio, limit, met?, how it reads)"""
    out = []
    a, b = f.get("startup"), f.get("manipulate")
    if a and a.start(SHIPPED):
        p = a.start(SHIPPED)
        for ref, limit, name in (("C2", 1.0, "cold start ≤ C2 (Quarkus Funqy + AOT cache)"),
                                 ("D2", 2.0, "cold start ≤ 2× D2 (plain-JDK floor)")):
            r = a.start(ref)
            if r:
                ratio = p["median"] / r["median"]
                out.append((name, p["median"], r["median"], ratio, limit, ratio <= limit, "ms"))
        r = a.start("C")
        if r:
            ratio = p["rss_mb"] / r["rss_mb"]
            out.append(("RSS after the first response ≤ 1.1× C (Quarkus Funqy)", p["rss_mb"], r["rss_mb"], ratio,
                        1.1, ratio <= 1.1, "MB"))
    if b and b.throughput(SHIPPED) and b.throughput("C"):
        p, r = b.throughput(SHIPPED), b.throughput("C")
        ratio = p["rps"] / r["rps"]
        out.append(("manipulate req/s ≥ C, after the warm-up", p["rps"], r["rps"], ratio, 1.0, ratio >= 1.0,
                    "req/s"))
        ratio = p["p99_ms"] / r["p99_ms"]
        out.append(("manipulate p99 ≤ C's", p["p99_ms"], r["p99_ms"], ratio, 1.0, ratio <= 1.0, "ms"))
    return out
