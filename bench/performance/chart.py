#!/usr/bin/env python3
"""Draws a performance run as one SVG (stdlib only), 800 px wide: bars for the cold start, the CPU-s and the RSS at the
first response, the requests served in the warm-up and the steady-state req/s (median, min–max whiskers), then the
warm-up second by second (req/s and p99, the median over the rounds). portafunc is orange (searchManipulate light),
the peers grey-blue; dashed red lines mark the targets, all against C3.

  chart.py bench/results/performance-<date> [OUT.svg]      (default: bench/results/performance-<date>.svg)
"""
import math, os, sys
from html import escape

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import figures
from figures import REF, SEARCH, SHIPPED, label

W = 800
LEFT, RIGHT = 215, 655          # bar area; the space on the right is for the value labels
ROW, BAR = 26, 16
MINE, CONTEXT, PEER, TARGET = "#e8590c", "#ffd8a8", "#8da2b8", "#c92a2a"
PEERS = ["C3", "C2", "D2", "B7"]
LINES = {SHIPPED: (MINE, ""), SEARCH: (MINE, "6,3"), "C3": ("#1c7ed6", ""), "C2": ("#8da2b8", "2,3")}


def nice_ticks(vmax):
    raw = vmax / 5 if vmax > 0 else 1
    mag = 10 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw)
    n = math.ceil(vmax / step)
    return [i * step for i in range(n + 1)]


def text(x, y, s, size=12, anchor="start", weight="normal", fill="#212529", halo=False):
    """a label; with a halo, a white outline keeps it legible where it crosses a line"""
    outline = ' stroke="white" stroke-width="3" paint-order="stroke"' if halo else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
            f'fill="{fill}"{outline}>{escape(s)}</text>')


def panel(y, title, subtitle, rows, axis, targets):
    """rows: (label, kind, value, low, high, value label); kind: mine | context | peer. Returns (svg, height)."""
    out = [text(12, y + 16, title, 15, weight="bold"), text(12, y + 33, subtitle, 12, fill="#495057")]
    top = y + 44 + 12 * len(targets)            # room for the staggered target labels
    ends = sorted([r[4] if r[4] is not None else r[2] for r in rows] + [t[1] for t in targets], reverse=True)
    # one bar far beyond the rest (the plain jar's cold start) is cut at the axis's end, so the others stay readable
    vmax = ends[1] * 1.3 if len(ends) > 1 and ends[0] > 3 * ends[1] else ends[0]
    ticks = nice_ticks(vmax)
    sx = lambda v: LEFT + (RIGHT - LEFT) * min(v, ticks[-1]) / ticks[-1]
    bottom = top + ROW * len(rows)
    for t in ticks:                              # grid and axis
        out.append(f'<line x1="{sx(t):.1f}" y1="{top - 4}" x2="{sx(t):.1f}" y2="{bottom}" stroke="#e9ecef"/>')
        out.append(text(sx(t), bottom + 15, f"{t:g}", 11, "middle", fill="#495057"))
    out.append(f'<line x1="{LEFT}" y1="{bottom}" x2="{RIGHT}" y2="{bottom}" stroke="#868e96"/>')
    out.append(text((LEFT + RIGHT) / 2, bottom + 31, axis, 12, "middle", fill="#343a40"))
    labels = []                                  # the value labels go over the target lines
    for i, (label, kind, value, low, high, note) in enumerate(rows):
        ry = top + ROW * i
        fill = {"mine": MINE, "context": CONTEXT, "peer": PEER}[kind]
        stroke = f' stroke="{MINE}"' if kind == "context" else ""
        weight = "bold" if kind == "mine" else "normal"
        out.append(text(LEFT - 8, ry + BAR - 3, label, 12.5, "end", weight))
        out.append(f'<rect x="{LEFT}" y="{ry + 2}" width="{max(sx(value) - LEFT, 1):.1f}" height="{BAR}" '
                   f'fill="{fill}"{stroke}/>')
        end = sx(value)
        if value > ticks[-1]:                    # cut: a break in the bar, the real value in its label
            bx = RIGHT - 14
            out.append(f'<path d="M{bx - 3},{ry + BAR + 4} l6,{-BAR - 4} m4,0 l-6,{BAR + 4}" stroke="white" '
                       'stroke-width="2.5" fill="none"/>')
            low = high = None
        if low is not None and high is not None:  # min–max whisker
            wy = ry + 2 + BAR / 2
            out.append(f'<line x1="{sx(low):.1f}" y1="{wy}" x2="{sx(high):.1f}" y2="{wy}" stroke="#212529" '
                       'stroke-width="1.3"/>')
            for v in (low, high):
                out.append(f'<line x1="{sx(v):.1f}" y1="{wy - 5}" x2="{sx(v):.1f}" y2="{wy + 5}" stroke="#212529" '
                           'stroke-width="1.3"/>')
            end = max(end, sx(high))
        labels.append(text(end + 6, ry + BAR - 3, note, 11.5, weight=weight, halo=True))
    marks = sorted(targets, key=lambda t: t[1])
    for i, (label, value) in enumerate(marks):    # the issue's targets; neighbours' labels go either side
        x = sx(value)
        ly = top - 8 - 12 * (len(marks) - 1 - i)
        anchor = "middle" if len(marks) == 1 else ("end" if i == 0 else "start")
        out.append(f'<line x1="{x:.1f}" y1="{ly + 3}" x2="{x:.1f}" y2="{bottom}" stroke="{TARGET}" '
                   'stroke-width="1.5" stroke-dasharray="5,3"/>')
        nudge = {"end": 3, "start": -3, "middle": 0}[anchor]
        out.append(text(x + nudge, ly, label, 11, anchor, fill=TARGET, halo=True))
    return out + labels, bottom + 44 - y


def series_panel(y, title, subtitle, series, axis, log=False):
    """series: (label, colour, dash, values per second). Returns (svg, height)."""
    out = [text(12, y + 16, title, 15, weight="bold"), text(12, y + 33, subtitle, 12, fill="#495057")]
    top, h = y + 62, 180
    n = max(len(v) for _, _, _, v in series)
    vals = [v for _, _, _, vs in series for v in vs if v > 0]
    if not vals:
        return out, 40
    if log:
        lo = 10 ** math.floor(math.log10(min(vals)))
        hi = 10 ** math.ceil(math.log10(max(vals)))
        ticks = [10 ** e for e in range(int(math.log10(lo)), int(math.log10(hi)) + 1)]
        sy = lambda v: top + h - h * (math.log10(max(v, lo)) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    else:
        ticks = nice_ticks(max(vals))
        sy = lambda v: top + h - h * v / ticks[-1]
    sx = lambda i: LEFT + (RIGHT - LEFT) * (i + 0.5) / n
    for t in ticks:
        out.append(f'<line x1="{LEFT}" y1="{sy(t):.1f}" x2="{RIGHT}" y2="{sy(t):.1f}" stroke="#e9ecef"/>')
        out.append(text(LEFT - 6, sy(t) + 4, f"{t:g}", 11, "end", fill="#495057"))
    for i in range(0, n, 5 if n > 12 else 1):
        out.append(text(sx(i), top + h + 15, f"{i + 1}", 11, "middle", fill="#495057"))
    out.append(f'<line x1="{LEFT}" y1="{top + h}" x2="{RIGHT}" y2="{top + h}" stroke="#868e96"/>')
    out.append(text((LEFT + RIGHT) / 2, top + h + 31, "second of load, from the first 200", 12, "middle",
                    fill="#343a40"))
    out.append(text(LEFT - 6, top - 12, axis, 11.5, "end", fill="#343a40"))
    for j, (name, colour, dash, vs) in enumerate(series):
        pts = " ".join(f"{sx(i):.1f},{sy(v):.1f}" for i, v in enumerate(vs) if v > 0)
        width = 2.5 if colour == MINE else 1.8
        out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="{width}"'
                   + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
        ly = top + 12 + 16 * j                   # the legend, right of the plot
        out.append(f'<line x1="{RIGHT + 8}" y1="{ly - 4}" x2="{RIGHT + 30}" y2="{ly - 4}" stroke="{colour}" '
                   f'stroke-width="{width}"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
        out.append(text(RIGHT + 34, ly, name.split(" ")[0] if name.startswith(("C", "D", "B")) else
                        name.replace("portafunc ", "pf "), 11))
    return out, top + h + 44 - y


def bars(run, k, f_, fmt):
    s = run(k)
    if not s or not s.get(f_):
        return None
    v = s[f_]
    kind = "mine" if k == SHIPPED else "context" if k == SEARCH else "peer"
    return (label(k), kind, v["median"], v["min"], v["max"], fmt(v))


def draw(raw):
    f = figures.load(raw)
    run, a, b, r, c = f["run"], f["startup"], f["steady"], f["ramp"], f["jar"]
    parts = []
    quick = "Quick or short run: direction only. " if run.get("quick") == "1" else ""
    parts.append(text(12, 22, f"portafunc as it ships, against C3 and the JVM peers, {run['date']}", 17, weight="bold"))
    parts.append(text(12, 41, f"{quick}{run['machine']}. Only ratios within one run count.", 11.5, fill="#495057"))
    y = 52
    order = [SHIPPED, SEARCH] + PEERS
    median = lambda v: f"{v['median']:.0f} ({v['min']:.0f}–{v['max']:.0f})"

    def bar_panel(source, f_, title, subtitle, axis, limit, target, fmt=median):
        nonlocal y
        if not source:
            return
        rows = [x for x in (bars(source, k, f_, fmt) for k in order) if x]
        ref = source(REF)
        if not rows:
            return
        targets = [(target, limit * ref[f_]["median"])] if ref and ref.get(f_) else []
        svg, h = panel(y, title, subtitle, rows, axis, targets)
        parts.extend(svg)
        y += h

    if a:
        n = (a.start(SHIPPED) or {}).get("ms", {}).get("n", 0)
        bar_panel(a.start, "ms", "Cold start", f"spawn to the first HTTP 200, median and min–max of {n} interleaved "
                  "rounds", "ms (lower is better)", 1.25, "≤ 1.25× C3")
        bar_panel(a.start, "cpu_s", "CPU to the first response", "user+system CPU-s of the server at its first 200",
                  "CPU-s (lower is better)", 1.25, "≤ 1.25× C3",
                  lambda v: f"{v['median']:.2f} ({v['min']:.2f}–{v['max']:.2f})")
        bar_panel(a.start, "rss_mb", "Memory", "RSS at the first response, over the cold starts",
                  "MB (lower is better)", 1.15, "≤ 1.15× C3")
    if r:
        x = r.ramp(SHIPPED) or r.ramp(REF)
        bar_panel(r.ramp, "requests", "Warm-up: requests served",
                  f"under full load from the first 200 (wrk -t1 -c16), in its first {x['seconds']} s",
                  "requests (higher is better)", 1.0, "≥ C3")
        bar_panel(r.ramp, "p99_tail_ms", "Warm-up: p99",
                  f"over seconds {x['from_s']}–{x['seconds']} of that load", "ms (lower is better)", 2.0, "≤ 2× C3",
                  lambda v: f"{v['median']:.2f} ({v['min']:.2f}–{v['max']:.2f})")
    if b:
        t = b.throughput(SHIPPED) or b.throughput(REF)
        bar_panel(b.throughput, "rps", "Steady state: throughput",
                  f"wrk -t1 -c16 for {t['duration_s']} s after {t['warmup_s']} s of warm-up",
                  "requests per second (higher is better)", 1.0, "≥ C3",
                  lambda v: f"{v['median']:.0f} ({v['min']:.0f}–{v['max']:.0f})")
    if r:
        series = [(label(k), *LINES[k], r.ramp(k)["rps_series"]) for k in LINES if r.ramp(k)]
        svg, h = series_panel(y, "Warm-up, second by second: req/s", "the median over the rounds of each second",
                              series, "req/s")
        parts += svg; y += h
        series = [(label(k), *LINES[k], r.ramp(k)["p99_series"]) for k in LINES if r.ramp(k)]
        svg, h = series_panel(y, "Warm-up, second by second: p99", "each second's p99, the median over the rounds "
                              "(log scale)", series, "ms", log=True)
        parts += svg; y += h
    height = y + 10
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{height}" viewBox="0 0 {W} {height}" '
            'font-family="DejaVu Sans, Helvetica, Arial, sans-serif">\n'
            f'<rect width="{W}" height="{height}" fill="white"/>\n' + "\n".join(parts) + "\n</svg>\n")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    raw = sys.argv[1].rstrip("/")
    out = sys.argv[2] if len(sys.argv) == 3 else raw + ".svg"
    open(out, "w").write(draw(raw))
    print(f"chart: {out}", file=sys.stderr)
