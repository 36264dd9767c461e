#!/usr/bin/env python3
"""Keeps what the report and the chart are made from, in bench/results/performance-<date>/.

  collect.py harness RESULTS_DIR DEST   copies a peers run's cold.jsonl, load.jsonl, ramp.jsonl, meta.json and
                                        table.md, and writes starts.jsonl: the extras' own log lines of each start
                                        (the local index's opening time, Spring's 'Started ... in')
  collect.py layers IMAGE.tar OUT.json  the image's layers as a node pulls them: each layer's gzip-compressed and
                                        uncompressed bytes, from a docker-archive or OCI tar (Jib's jib-image.tar)
  collect.py meta FILE KEY=VALUE...     adds keys to a JSON object (the run's date, machine, commands, ...)
"""
import gzip, hashlib, json, os, re, shutil, sys, tarfile, zlib

INDEX = re.compile(r"Local index: (\d+) documents opened from the shipped index in (\d+) ms")
STARTED = re.compile(r"Started \w+ in [0-9.]+ seconds \(process running for [0-9.]+\)")
LOG = re.compile(r"(?P<variant>.+)\.(?P<phase>cold|load|ramp)(?P<round>\d+)\.log$")


def harness(results, dest):
    os.makedirs(dest, exist_ok=True)
    for name in ("cold.jsonl", "load.jsonl", "ramp.jsonl", "meta.json", "table.md"):
        if os.path.exists(os.path.join(results, name)):
            shutil.copy(os.path.join(results, name), dest)
    meta = json.load(open(os.path.join(results, "meta.json")))
    extras = {e["name"] for e in meta.get("extras") or ([meta["extra"]] if meta.get("extra") else [])}
    logs = os.path.join(results, "logs")
    starts = []
    for log in sorted(os.listdir(logs)) if os.path.isdir(logs) else []:
        m = LOG.match(log)
        if not m or m["variant"] not in extras:
            continue
        text = open(os.path.join(logs, log), errors="replace").read()
        index, started = INDEX.search(text), STARTED.search(text)
        starts.append({"variant": m["variant"], "phase": m["phase"], "round": int(m["round"]),
                       "index_ms": int(index.group(2)) if index else None,
                       "index_docs": int(index.group(1)) if index else None,
                       "started": started.group(0) if started else None})
    with open(os.path.join(dest, "starts.jsonl"), "w") as out:
        out.writelines(json.dumps(s) + "\n" for s in starts)
    print(f"collect: {results} -> {dest} ({len(starts)} logs of {', '.join(sorted(extras)) or 'no extra'})",
          file=sys.stderr)


def layers(image_tar, out):
    """each layer's bytes as a registry serves them (gzip) and unpacked; a layer stored uncompressed in the tar is
    gzipped here (level 6, as registries' clients and Jib's defaults do) to count what a pull would transfer"""
    with tarfile.open(image_tar) as t:
        names = t.getnames()

        def read(name):
            return t.extractfile(name).read()

        if "manifest.json" in names:      # docker-archive: manifest.json names each layer's file
            paths = json.loads(read("manifest.json"))[0]["Layers"]
        else:                             # OCI layout: index.json -> the manifest -> its layers, by digest
            blob = lambda d: "blobs/" + d.replace(":", "/")
            index = json.loads(read("index.json"))
            manifest = json.loads(read(blob(index["manifests"][0]["digest"])))
            paths = [blob(l["digest"]) for l in manifest["layers"]]
        rows = []
        for path in paths:
            data = read(path)
            stored_gzip = data[:2] == b"\x1f\x8b"
            compressed = data if stored_gzip else gzip.compress(data, 6)
            unpacked = len(zlib.decompress(data, 31)) if stored_gzip else len(data)
            rows.append({"layer": path, "gzip_bytes": len(compressed), "unpacked_bytes": unpacked,
                         "stored_gzip": stored_gzip, "sha256": hashlib.sha256(compressed).hexdigest()[:12]})
    result = {"tar": image_tar, "tar_bytes": os.path.getsize(image_tar), "layers": rows,
              "gzip_bytes": sum(r["gzip_bytes"] for r in rows), "unpacked_bytes": sum(r["unpacked_bytes"] for r in rows)}
    json.dump(result, open(out, "w"), indent=1)
    print(f"collect: {len(rows)} layers, {result['gzip_bytes'] / 1e6:.1f} MB gzip to pull, "
          f"{result['unpacked_bytes'] / 1e6:.1f} MB unpacked ({image_tar})", file=sys.stderr)


def meta(path, pairs):
    data = json.load(open(path)) if os.path.exists(path) else {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        data[key] = value
    json.dump(data, open(path, "w"), indent=1)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "harness":
        harness(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "layers":
        layers(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == "meta":
        meta(sys.argv[2], sys.argv[3:])
    else:
        raise SystemExit(__doc__)
