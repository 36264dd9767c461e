#!/usr/bin/env python3
"""Cold starts outside the peers harness, measured the way the harness measures them (wall time from just before
fork/exec to the first HTTP 200, polled in-process every 5 ms, each start after a quiet-machine gate).

  starts.py check --port P --url-path PATH --body FILE [--also-path PATH --also-body FILE] --items N -- COMMAND...
      one start; fails unless the first 200 (and the answer from --also-path) carry N items each (run it with
      -XX:AOTMode=on to prove that the AOT cache is used)
  starts.py image --port P --url-path PATH --body FILE --runs N --image REF --host 'COMMAND' --out FILE.jsonl --logs DIR
      N interleaved rounds of the image under podman (podman run --rm --network host -e PORT) and of the same
      configuration on the host; one JSON line per start: ms to first 200, RSS (container: its init process tree),
      the app's own index and 'Started' lines
"""
import argparse, http.client, json, os, re, signal, socket, subprocess, sys, time

INDEX = re.compile(r"Local index: (\d+) documents opened from the shipped index in (\d+) ms")
STARTED = re.compile(r"Started \w+ in ([0-9.]+) seconds \(process running for ([0-9.]+)\)")


def post(port, path, body, timeout=10):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("POST", path, body, {"Content-Type": "application/json", "Accept": "application/json"})
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def first_200(proc, port, path, body, limit=120):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"exited rc={proc.returncode} before answering 200")
        try:
            status, data = post(port, path, body)
            if status == 200:
                return time.monotonic(), data
        except OSError:   # refused, reset, timeout: not up yet
            pass
        time.sleep(0.005)
    raise RuntimeError(f"no HTTP 200 on POST {path} within {limit} s")


def busy_s():
    f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return (sum(f[:8]) - f[3] - f[4]) / os.sysconf("SC_CLK_TCK")


def quiet_gate(max_wait=20.0, thresh=0.15):
    """as the harness does: wait (up to max_wait s) until other processes use < thresh of one core"""
    t = time.monotonic()
    while time.monotonic() - t < max_wait:
        b0 = busy_s(); time.sleep(0.3); b1 = busy_s()
        if (b1 - b0) / 0.3 < thresh:
            break
    return round(time.monotonic() - t, 2)


def port_free(port, limit=15):
    t = time.monotonic()
    while time.monotonic() - t < limit:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return
        time.sleep(0.05)
    raise SystemExit(f"port {port} is still in use")


def rss_kb(pid):
    """VmRSS summed over pid and its descendants"""
    kids = {}
    for d in filter(str.isdigit, os.listdir("/proc")):
        try:
            kids.setdefault(int(open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()[1]), []).append(int(d))
        except (OSError, IndexError, ValueError):
            pass
    tree, total = [pid], 0
    for p in tree:
        tree.extend(kids.get(p, []))
    for p in tree:
        try:
            total += next(int(l.split()[1]) for l in open(f"/proc/{p}/status") if l.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total


def stop(proc, container=None):
    if container:   # podman stop sends SIGTERM to the container's init: the JVM's shutdown hooks run
        subprocess.run(["podman", "stop", "-t", "20", container], capture_output=True)
    else:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    if container:
        subprocess.run(["podman", "rm", "-f", "-i", container], capture_output=True)


def log_figures(log):
    text = open(log, errors="replace").read()
    index, started = INDEX.search(text), STARTED.search(text)
    return {"index_ms": int(index.group(2)) if index else None,
            "index_docs": int(index.group(1)) if index else None,
            "started": started.group(0) if started else None}


def start(argv, port, path, body, log, container=None, then=None):
    """one cold start: (record, data of the first 200); then(), if given, runs before the server is stopped"""
    port_free(port)
    gate = quiet_gate()
    with open(log, "w") as out:
        t0 = time.monotonic()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                env=dict(os.environ, PORT=str(port)))
    try:
        t1, data = first_200(proc, port, path, body)
        pid = proc.pid
        if container:   # the JVM runs under conmon, outside this process tree
            pid = int(subprocess.run(["podman", "inspect", "-f", "{{.State.Pid}}", container],
                                     capture_output=True, text=True).stdout.strip() or 0)
        rss = rss_kb(pid) if pid else None
        if then:
            then()
    except RuntimeError as e:
        tail = "".join(open(log, errors="replace").readlines()[-15:])
        raise SystemExit(f"{' '.join(argv)}: {e}\nlog {log}:\n{tail}")
    finally:
        stop(proc, container)
    return {"first200_ms": round((t1 - t0) * 1000, 1), "rss_kb": rss, "gate_wait_s": gate, **log_figures(log)}, data


def items(path, data, expected):
    n = len(json.loads(data).get("items", []))
    if n != expected:
        raise SystemExit(f"check: expected {expected} items from POST {path}, got {n}: {data[:300]!r}")


def check(a):
    def also():   # the second endpoint, on the same process
        status, data = post(a.port, a.also_path, open(a.also_body, "rb").read())
        if status != 200:
            raise SystemExit(f"check: POST {a.also_path} answered {status}: {data[:300]!r}")
        items(a.also_path, data, a.items)

    body = open(a.body, "rb").read()
    rec, data = start(a.command, a.port, a.url_path, body, a.log, then=also if a.also_path else None)
    items(a.url_path, data, a.items)
    print(f"check: first 200 after {rec['first200_ms']:.0f} ms with {a.items} items"
          f"{' (and from ' + a.also_path + ')' if a.also_path else ''}; {rec['started']}; index {rec['index_ms']} ms")


def image(a):
    body = open(a.body, "rb").read()
    os.makedirs(a.logs, exist_ok=True)
    host = ["bash", "-c", a.host]
    name = f"portafunc-bench-{os.getpid()}"
    podman = ["podman", "run", "--rm", "--pull=never", "--name", name, "--network", "host", "-e", f"PORT={a.port}",
              a.image]
    variants = [("image", podman, name), ("host", host, None)]
    with open(a.out, "a") as out:
        for r in range(a.runs):
            for variant, argv, container in variants[r % 2:] + variants[:r % 2]:
                rec, _ = start(argv, a.port, a.url_path, body, os.path.join(a.logs, f"{variant}.{r}.log"), container)
                rec = {"variant": variant, "round": r, **rec}
                out.write(json.dumps(rec) + "\n"); out.flush()
                print(f"r{r} {variant:5s} {rec['first200_ms']:8.1f} ms  rss={(rec['rss_kb'] or 0) / 1024:.0f} MB "
                      f"gate={rec['gate_wait_s']}  index={rec['index_ms']} ms  {rec['started']}", flush=True)
                time.sleep(1.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["check", "image"])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--url-path", required=True)
    ap.add_argument("--body", required=True)
    ap.add_argument("--items", type=int, default=10)
    ap.add_argument("--also-path", help="check: a second path POSTed once the first answered")
    ap.add_argument("--also-body")
    ap.add_argument("--log", default=os.devnull)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--image")
    ap.add_argument("--host")
    ap.add_argument("--out")
    ap.add_argument("--logs")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    a = ap.parse_args(argv[:split])
    a.command = argv[split + 1:]
    check(a) if a.cmd == "check" else image(a)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    main()
