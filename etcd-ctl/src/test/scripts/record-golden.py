#!/usr/bin/env python3
"""Records golden etcdctl v2 output for the etcd-ctl tests. Run by hand, never by the build.

For every scenario file in src/test/resources/scenarios/*.txt this starts a fresh reference
member (`etcd --enable-v2` with etcd 2.3's --strict-reconfig-check=false, on 127.0.0.1:45379/45380
or CTLREC_CLIENT_PORT and the next port, data dir under /tmp), runs each command with
the real `ETCDCTL_API=2 etcdctl --endpoints <client>` and writes stdout, stderr and the exit code
of every command to src/test/resources/golden/<scenario>.golden. The member is stopped by its PID.

Scenario syntax (one command per line, shell quoting):
  # comment
  @stdin <text>      standard input of the next command (\\n, \\t, \\\\ escapes)
  @env NAME=VALUE    extra environment variable for the next command
  @raw               the next command gets no --endpoints prefix
  @noargs            a command line without any argument (etcdctl alone)
  set /foo bar       a command; {idx+N} is replaced by (first index seen) + N, and {member},
                     {peer}, {client} by the member's ID, peer URL and client URL

Usage: src/test/scripts/record-golden.py [scenario-name ...]
"""
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import json

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.normpath(os.path.join(HERE, "..", "resources"))
# CTLREC_CLIENT_PORT moves the member (peer port = client port + 1) off ports someone else uses;
# the goldens name the URLs in their header, and the tests substitute them.
CLIENT_PORT = int(os.environ.get("CTLREC_CLIENT_PORT", "45379"))
CLIENT = "http://127.0.0.1:%d" % CLIENT_PORT
PEER = "http://127.0.0.1:%d" % (CLIENT_PORT + 1)
# etcd 2.3's defaults where 3.4's differ: 3.4 turned --strict-reconfig-check on (it refuses a
# member add or remove that would leave too few started members for a quorum); 2.3 had it off.
ETCD_23_DEFAULTS = ["--strict-reconfig-check=false"]

# The same index contexts as GoldenNormalizer.java: the first number found is the base.
INDEX_PATTERNS = [
    re.compile(r"(?:Created-Index|Modified-Index|Index): (\d+)"),
    re.compile(r'"(?:createdIndex|modifiedIndex|index)":(\d+)'),
    re.compile(r"\) \[(\d+)\]$", re.M),
    re.compile(r"/(\d{20})\b"),
]


def first_index(text):
    best = None
    for p in INDEX_PATTERNS:
        m = p.search(text)
        if m and (best is None or m.start(1) < best[0]):
            best = (m.start(1), int(m.group(1)))
    return None if best is None else best[1]


def unescape(s):
    return s.replace("\\\\", "\0").replace("\\n", "\n").replace("\\t", "\t").replace("\0", "\\")


def start_member(name):
    data = "/tmp/ctlrec.%s.etcd" % name
    shutil.rmtree(data, ignore_errors=True)
    log = open("/tmp/ctlrec.%s.log" % name, "w")
    p = subprocess.Popen(
        ["etcd", "--enable-v2", "--name", "r", "--data-dir", data,
         "--listen-client-urls", CLIENT, "--advertise-client-urls", CLIENT,
         "--listen-peer-urls", PEER, "--initial-advertise-peer-urls", PEER,
         "--initial-cluster", "r=" + PEER] + ETCD_23_DEFAULTS,
        stdout=log, stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            with urllib.request.urlopen(CLIENT + "/health", timeout=1) as r:
                if b"true" in r.read():
                    break
        except Exception:
            pass
        time.sleep(0.1)
    else:
        p.kill()
        sys.exit("reference etcd did not become healthy")
    with urllib.request.urlopen(CLIENT + "/v2/members", timeout=2) as r:
        member = json.load(r)["members"][0]["id"]
    return p, data, member


def record(name):
    src = os.path.join(RES, "scenarios", name + ".txt")
    proc, data, member = start_member(name)
    out = ["@@ client " + CLIENT, "@@ peer " + PEER, "@@ member " + member]
    base = None
    stdin, env, raw = "", {}, False
    try:
        for line in open(src, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@stdin "):
                stdin = unescape(line[len("@stdin "):])
                out.append("@@ stdin " + line[len("@stdin "):])
                continue
            if line.startswith("@env "):
                k, v = line[len("@env "):].split("=", 1)
                env[k] = v
                out.append("@@ env " + k + "=" + v)
                continue
            if line == "@noargs":
                line = ""
                raw = True
                out.append("@@ raw")
            elif line == "@raw":
                raw = True
                out.append("@@ raw")
                continue
            cmd = re.sub(r"\{idx\+(\d+)\}", lambda m: str(base + int(m.group(1))), line)
            cmd = cmd.replace("{member}", member).replace("{peer}", PEER).replace("{client}", CLIENT)
            argv = ["etcdctl"] + ([] if raw else ["--endpoints", CLIENT]) + shlex.split(cmd)
            e = {"PATH": os.environ["PATH"], "ETCDCTL_API": "2"}
            e.update(env)
            r = subprocess.run(argv, input=stdin.encode(), capture_output=True, env=e, timeout=30)
            so, se = r.stdout.decode(), r.stderr.decode()
            if base is None:
                base = first_index(so + se)
            out.append("@@ cmd " + line)
            out.append("@@ exit %d" % r.returncode)
            for label, text in (("stdout", so), ("stderr", se)):
                out.append("@@ " + label)
                if text:
                    out.append(text[:-1] if text.endswith("\n") else text)
                    if not text.endswith("\n"):
                        out.append("@@ noeol")
            stdin, env, raw = "", {}, False
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        shutil.rmtree(data, ignore_errors=True)
    dst = os.path.join(RES, "golden", name + ".golden")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("recorded", dst)


def main():
    names = sys.argv[1:] or sorted(
        f[:-4] for f in os.listdir(os.path.join(RES, "scenarios")) if f.endswith(".txt"))
    for n in names:
        record(n)


if __name__ == "__main__":
    main()
