#!/usr/bin/env python3
"""Draws a performance run as one SVG (stdlib only), 800 px wide, three panels: cold start (median, min–max whiskers),
RSS after the first response, and manipulate req/s after the warm-up (p99 as a label). portafunc is orange, the
peers grey-blue; dashed red lines mark the issue's targets.

  chart.py bench/results/performance-<date> [OUT.svg]      (default: bench/results/performance-<date>.svg)
"""
import math, os, sys
from html import escape

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import figures
from figures import JAR, LABELS, SHIPPED

W = 800
LEFT, RIGHT = 205, 655          # bar area; the space on the right is for the value labels
ROW, BAR = 26, 16
MINE, CONTEXT, PEER, TARGET = "#e8590c", "#ffd8a8", "#8da2b8", "#c92a2a"
PEERS = ["B7", "C", "C2", "D2"]


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


def draw(raw):
    f = figures.load(raw)
    run, a, b, c = f["run"], f["startup"], f["manipulate"], f["jar"]
    parts, y = [], 0
    quick = "Quick run: direction only. " if run.get("quick") == "1" else ""
    parts.append(text(12, 22, f"portafunc as it ships, beside the JVM peers, {run['date']}", 17, weight="bold"))
    parts.append(text(12, 41, f"{quick}{run['machine']}. Only ratios within one run count.", 11.5, fill="#495057"))
    y = 52
    footnote = False
    if a:
        rows = []
        for k in [SHIPPED] + [p for p in PEERS if a.start(p)]:
            s = a.start(k)
            if s:
                rows.append((LABELS[k], "mine" if k == SHIPPED else "peer", s["median"], s["min"], s["max"],
                             f"{s['median']:.0f} ({s['min']:.0f}–{s['max']:.0f})"))
        j = c.start(JAR) if c else None
        if j:
            rows.append((LABELS[JAR] + " *", "context", j["median"], j["min"], j["max"], f"{j['median']:.0f}"))
        img = figures.image_start(f, "image")
        if img:
            rows.append((LABELS["image"] + " *", "context", img["median"], img["min"], img["max"],
                         f"{img['median']:.0f}"))
        footnote = footnote or bool(j or img)
        targets = []
        if a.start("C2"):
            targets.append(("≤ C2", a.start("C2")["median"]))
        if a.start("D2"):
            targets.append(("≤ 2× D2", 2 * a.start("D2")["median"]))
        n = a.start(SHIPPED)["n"] if a.start(SHIPPED) else 0
        svg, h = panel(y, "Cold start", f"spawn to the first HTTP 200, median and min–max of {n} interleaved rounds",
                       rows, "ms (lower is better)", targets)
        parts += svg; y += h
        rows = []
        for k in [SHIPPED] + [p for p in PEERS if a.start(p)]:
            s = a.start(k)
            if s:
                rows.append((LABELS[k], "mine" if k == SHIPPED else "peer", s["rss_mb"], None, None,
                             f"{s['rss_mb']:.0f} MB"))
        if j:
            rows.append((LABELS[JAR] + " *", "context", j["rss_mb"], None, None, f"{j['rss_mb']:.0f} MB"))
        if img:
            rows.append((LABELS["image"] + " *", "context", img["rss_mb"], None, None, f"{img['rss_mb']:.0f} MB"))
        targets = [("≤ 1.1× C", 1.1 * a.start("C")["rss_mb"])] if a.start("C") else []
        svg, h = panel(y, "Memory", "RSS at the first response, median over the cold starts", rows,
                       "MB (lower is better)", targets)
        parts += svg; y += h
    if b and b.throughput(SHIPPED):
        rows = []
        for k in [SHIPPED] + [p for p in PEERS if b.throughput(p)]:
            t = b.throughput(k)
            rows.append((LABELS[k], "mine" if k == SHIPPED else "peer", t["rps"], None, None,
                         f"{t['rps']:.0f} · p99 {t['p99_ms']:.1f} ms"))
        t = b.throughput(SHIPPED)
        targets = [("≥ C", b.throughput("C")["rps"])] if b.throughput("C") else []
        svg, h = panel(y, "Throughput of manipulate",
                       f"the peers' body, wrk -t1 -c16 for {t['duration_s']} s after {t['warmup_s']} s of warm-up, "
                       "median of the undisturbed rounds", rows, "requests per second (higher is better)",
                       targets)
        parts += svg; y += h
    if footnote:
        parts.append(text(12, y + 2, "* a separate run (the jar: its own harness run; the image: interleaved with "
                                     "the shipped configuration on the host): compare with care", 11, fill="#495057"))
        y += 14
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
