#!/usr/bin/env python3
"""difffuzz: the same random v2 keys requests against this member and the reference etcd.

Starts both (the reference `etcd --enable-v2` from PATH, this member through scripts/etcd) on
loopback ports with empty data dirs, sends each of COUNT random requests to both in the same
order, and reports every answer that differs in status, Content-Type, or JSON body with the
indexes, TTLs and expiration times taken out (the two count internal entries alike but not
always, and time moves between the two calls). Exit status 1 when anything differed.

    scripts/difffuzz.py --count 2000 --seed 7
    scripts/difffuzz.py --count 2000 --seed 7 --auth      # with v2 auth enabled on both
    scripts/difffuzz.py --count 2000 --seed 7 --members 3 # two 3-member clusters
    scripts/difffuzz.py --count 2000 --seed 7 --proxy     # through a proxy in front of each
    scripts/difffuzz.py --ours http://127.0.0.1:2379 --ref http://127.0.0.1:12379   # running ones

Requests: GET/HEAD/PUT/POST/DELETE on a few keys and directories, with query and form
parameters drawn from etcd's own (and bad values for them). Watches only from an index
(`wait=true&waitIndex=N`), with a one-second timeout: a watch that waits on both is a match.
"""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

from difffuzz_inputs import (AUTH_SETUP, CREDENTIALS, OTHER_PATHS, RAW, random_other,
                             random_peer, random_request)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DROP = {"modifiedIndex", "createdIndex", "index", "expiration", "ttl"}
# Headers compared by presence (their values hold indexes, IDs and times), and Allow by value.
HEADERS = ["X-Etcd-Index", "X-Raft-Index", "X-Raft-Term", "X-Etcd-Cluster-Id", "Allow",
           "Location", "WWW-Authenticate", "Date"]
IN_ORDER = re.compile(r"/\d{20}(?=/|$)")


def peer_exchange(base, method, path, body, headers, own):
    u = urllib.parse.urlparse(base)
    if headers.get("X-Server-Version") == "own":
        headers["X-Server-Version"], headers["X-Min-Cluster-Version"], cluster = own
        if headers.get("X-Etcd-Cluster-ID") == "own":
            headers["X-Etcd-Cluster-ID"] = cluster
    try:
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=2)
        if body is not None:
            headers["Content-Type"] = "application/protobuf"
        c.request(method, path, body=body, headers=headers)
        resp = c.getresponse()
        data = resp.read() if "/raft/stream/" not in path or resp.status != 200 else b"<stream>"
        c.close()
        return resp.status, resp.getheader("Content-Type", ""), data
    except (OSError, http.client.HTTPException) as e:
        return -1, "", type(e).__name__.encode()


def send(base, method, path, body, ctype, auth=None):
    """(status, Content-Type, body); status -1 and the error's name when the connection failed."""
    try:
        return exchange(base, method, path, body, ctype, auth)
    except (OSError, http.client.HTTPException) as e:
        return -1, "", type(e).__name__.encode(), None, None


def exchange(base, method, path, body, ctype="application/x-www-form-urlencoded", auth=None):
    u = urllib.parse.urlparse(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=1 if "wait=true" in path else 10)
    headers = {"Authorization": auth} if auth else {}
    if body is not None and ctype:
        headers["Content-Type"] = ctype
    c.request(method, path, body=body, headers=headers)
    resp = c.getresponse()
    data = resp.read()
    c.close()
    shape = tuple(sorted(h for h in HEADERS if resp.getheader(h) is not None))
    allow = resp.getheader("Allow")
    return (resp.status, resp.getheader("Content-Type", ""), data, resp.getheader("X-Etcd-Index"),
            (shape, allow))


def normalise(data, sorted_listing):
    """The JSON without indexes and times; in-order key names (which hold an index) masked;
    directory listings put in key order unless the request asked for sorted (Go's map order is
    random, so etcd's own unsorted listings differ between two calls)."""
    try:
        doc = json.loads(data)
    except ValueError:
        return data.decode("utf-8", "replace")

    def strip(x):
        if isinstance(x, dict):
            out = {}
            for k, v in x.items():
                if k in DROP:
                    continue
                if k in ("key", "cause") and isinstance(v, str):
                    v = IN_ORDER.sub("/<in-order>", v)
                out[k] = strip(v)
            if isinstance(out.get("nodes"), list) and not sorted_listing:
                out["nodes"] = sorted(out["nodes"], key=lambda n: json.dumps(n, sort_keys=True))
            return out
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x

    return strip(doc)


def start(cmds, url, log):
    """Starts the members of one cluster together; waits until the first takes a write (or, a
    read-only proxy, answers a read)."""
    ps = [subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT) for cmd in cmds]
    for _ in range(600):
        try:
            if exchange(url, "PUT", "/v2/keys/_ready", "value=1")[0] in (200, 201):
                send(url, "DELETE", "/v2/keys/_ready", None, None)
                return ps
            if "readonly" in cmds[0] and exchange(url, "GET", "/v2/keys/", None)[0] == 200:
                return ps
        except OSError:
            pass
        if any(p.poll() is not None for p in ps):
            break
        time.sleep(0.1)
    for p in ps:
        p.kill()
    sys.exit("did not start: " + " ".join(cmds[0]))


def raw_exchange(base, data):
    """Sends data on a fresh connection; the answer up to the close or 2 s of silence."""
    import socket
    u = urllib.parse.urlparse(base)
    out = b""
    try:
        with socket.create_connection((u.hostname, u.port), timeout=2) as c:
            c.sendall(data)
            try:
                while True:
                    chunk = c.recv(65536)
                    if not chunk:
                        break
                    out += chunk
            except socket.timeout:
                pass
    except OSError as e:
        out += b"<" + type(e).__name__.encode() + b">"
    return out


def status_lines(answer):
    lines = re.findall(rb"HTTP/1\.[01] \d{3}[^\r\n]*", answer)
    return lines + ([b"<reset>"] if answer.endswith(b"Error>") else [])


def stop(procs, tmp):
    """Ends the servers this script started (by their PIDs) and removes their data dirs."""
    for p in procs:
        p.terminate()
        p.wait(timeout=30)
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)


def leader(urls):
    """The index of the member that says it leads (polled for up to 10 s), or 0."""
    for _ in range(100):
        for i, u in enumerate(urls):
            status, _, body, _, _ = send(u, "GET", "/v2/stats/self", None, None)
            if status == 200 and b"StateLeader" in body:
                return i
        time.sleep(0.1)
    return 0


def cluster_flags(data, first_port, size):
    """Flags of each member of a loopback cluster: client port, then peer port, per member."""
    peers = ["m%d=http://127.0.0.1:%d" % (i, first_port + 2 * i + 1) for i in range(size)]
    flags = []
    for i in range(size):
        c = "http://127.0.0.1:%d" % (first_port + 2 * i)
        p = "http://127.0.0.1:%d" % (first_port + 2 * i + 1)
        flags.append(["--name", "m%d" % i, "--data-dir", os.path.join(data, "m%d" % i),
                      "--listen-client-urls", c, "--advertise-client-urls", c,
                      "--listen-peer-urls", p, "--initial-advertise-peer-urls", p,
                      "--initial-cluster", ",".join(peers), "--initial-cluster-token", "fuzz"])
    return flags


def start_servers(args):
    """(ours, ref, procs, tmp): the client URLs to compare, the processes started, their dir."""
    if args.ours and args.ref:
        return args.ours.split(","), args.ref.split(","), [], None
    procs = []
    tmp = tempfile.mkdtemp(prefix="difffuzz.")
    log = open(os.path.join(tmp, "servers.log"), "w")
    n = args.members
    binaries = [["etcd", "--enable-v2"], [os.path.join(ROOT, "scripts", "etcd")]]
    firsts = [args.port, args.port + 2 * n]
    ref, ours = [["http://127.0.0.1:%d" % (first + 2 * i) for i in range(n)] for first in firsts]
    for binary, first, name, urls in zip(binaries, firsts, ("ref", "ours"), (ref, ours)):
        procs += start([binary + f for f in cluster_flags(os.path.join(tmp, name), first, n)],
                       urls[0], log)
    if args.proxy:
        for i, (binary, first) in enumerate(zip(binaries, firsts)):
            url = "http://127.0.0.1:%d" % (args.port + 4 * n + i)
            peers = ",".join("m%d=http://127.0.0.1:%d" % (j, first + 2 * j + 1) for j in range(n))
            procs += start([binary + ["--proxy", args.proxy, "--name", "proxy%d" % i,
                                      "--data-dir", os.path.join(tmp, "proxy%d" % i),
                                      "--listen-client-urls", url,
                                      "--initial-cluster", peers]], url, log)
            (ref if i == 0 else ours)[:] = [url]
    return ours, ref, procs, tmp


def run_peer(args, ours, ref):
    """Random requests to both peer ports; the number that differed."""
    r = random.Random(args.seed)
    differ = 0
    peer = lambda url: url[:url.rindex(":") + 1] + str(int(url[url.rindex(":") + 1:]) + 1)
    own, seen = {}, {}
    for name, url in (("ours", ours[0]), ("ref", ref[0])):
        v = json.loads(exchange(url, "GET", "/version", None)[2])["etcdserver"]
        u = urllib.parse.urlparse(url)
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
        c.request("GET", "/v2/keys/")
        cluster = c.getresponse().getheader("X-Etcd-Cluster-Id")
        c.close()
        own[name] = (v, "2.2.0" if v.startswith("2.") else "3.0.0", cluster)
    for i in range(args.count):
        method, path, body, headers = random_peer(r)
        got = peer_exchange(peer(ours[0]), method, path, body, dict(headers), own["ours"])
        seen[(got[0], got[2][:40])] = seen.get((got[0], got[2][:40]), 0) + 1
        want = peer_exchange(peer(ref[0]), method, path, body, dict(headers), own["ref"])
        # Bodies of successful answers name member and cluster IDs.
        g = got if got[0] >= 300 or got[0] < 0 else got[:2]
        w = want if want[0] >= 300 or want[0] < 0 else want[:2]
        if g != w:
            differ += 1
            if differ <= args.show:
                print("#%d %s %s %r %s" % (i, method, path, body, headers))
                print("  etcd: %r" % (want,))
                print("  ours: %r" % (got,))
    for (status, body), n in sorted(seen.items(), key=lambda kv: -kv[1])[:12]:
        print("  %4d x %d %r" % (n, status, body))
    print("peer seed %d: %d requests, %d differed" % (args.seed, args.count, differ))
    return differ


def run_raw(args, ours, ref):
    """The fixed list of HTTP-level inputs; the number whose status lines differed."""
    differ = 0
    for data in RAW:
        got, want = raw_exchange(ours[0], data), raw_exchange(ref[0], data)
        if status_lines(got) != status_lines(want):
            differ += 1
            print("%r" % data[:100])
            print("  etcd: %r" % status_lines(want))
            print("  ours: %r" % status_lines(got))
    print("raw: %d inputs, %d differed" % (len(RAW), differ))
    return differ


def run_random(args, ours, ref):
    """Random client requests to both; the number of answers that differed."""
    if args.proxy and args.members > 1:
        # Each proxy picks a member at random (etcd shuffles its endpoints): which one answers
        # these member-specific endpoints is chance, not behaviour.
        OTHER_PATHS[:] = [p for p in OTHER_PATHS if p not in ("/v2/stats/leader", "/v2/stats/self")]
    if args.auth:
        for method, path, body in AUTH_SETUP:
            for base in (ours[0], ref[0]):
                status = exchange(base, method, path, body, "application/json")[0]
                if status >= 300:
                    sys.exit("auth set-up: %s %s answered %d" % (method, path, status))
    r = random.Random(args.seed)
    differ = 0
    statuses = {}
    # A member answers plain reads from its own store: send them where the last write went,
    # which has applied every write before it (a write is answered once applied locally).
    last_writer = 0
    # Other endpoints go to each cluster's leader (/v2/stats/leader answers only there).
    lead_ours, lead_ref = leader(ours), leader(ref)
    drift = None
    for i in range(args.count):
        other = r.random() < 0.2
        method, path, body, ctype = random_other(r) if other else random_request(r)
        cred = r.choice(CREDENTIALS) if args.auth else None
        plain_read = method in ("GET", "HEAD") and "quorum=true" not in path
        m = last_writer if plain_read else r.randrange(len(ours))
        if method in ("PUT", "POST", "DELETE") and not other:
            last_writer = m
        mo, mr = (lead_ours, lead_ref) if other else (m, m)
        got = send(ours[mo], method, path, body, ctype, cred)
        statuses[got[0]] = statuses.get(got[0], 0) + 1
        want = send(ref[mr], method, path, body, ctype, cred)
        if want[0] == -1 and got[:3] == (400, "text/plain; charset=utf-8", b"400 Bad Request"):
            # Go answers a URL it cannot decode with this 400 and closes the connection
            # with the request body unread: the client often sees only the reset.
            continue
        listing = "sorted=true" in path or "sorted=true" in (body or "")
        g = (got[0], got[1], normalise(got[2], listing), got[4])
        w = (want[0], want[1], normalise(want[2], listing), want[4])
        if other and got[0] < 400 and want[0] < 400:
            g, w = (g[0], g[1], g[3]), (w[0], w[1], w[3])
        # The etcd index must move alike on both: report where the difference changes.
        if got[3] and want[3] and got[3] != "0" and want[3] != "0":
            d = int(got[3]) - int(want[3])
            if drift is not None and d != drift:
                print("#%d index drift %d -> %d after %s %s %s"
                      % (i, drift, d, method, path, body or ""))
            drift = d
        if g != w:
            differ += 1
            if differ <= args.show:
                print("#%d m%d/m%d %s %s %s (%s) %s"
                      % (i, mo, mr, method, path, body or "", ctype, cred or ""))
                print("  etcd: %d %s %s %s" % (want[0], want[1], want[4], want[2][:300]))
                print("  ours: %d %s %s %s" % (got[0], got[1], got[4], got[2][:300]))
    print("statuses: " + ", ".join("%d x%d" % kv for kv in sorted(statuses.items())))
    print("seed %d: %d requests, %d differed" % (args.seed, args.count, differ))
    return differ


def main():
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--count", type=int, default=1000)
    a.add_argument("--seed", type=int, default=int(time.time()))
    a.add_argument("--ours", help="client URLs of running members, comma-separated")
    a.add_argument("--ref", help="the reference's, in the same order")
    a.add_argument("--members", type=int, default=1, help="members per cluster when starting")
    a.add_argument("--proxy", nargs="?", const="on", choices=["on", "readonly"],
                   help="send everything through a proxy (--proxy on|readonly) before each cluster")
    a.add_argument("--port", type=int, default=26379, help="first of 4 x members ports")
    a.add_argument("--show", type=int, default=20, help="differences printed in full")
    a.add_argument("--auth", action="store_true", help="enable v2 auth first (users root, u)")
    a.add_argument("--peer", action="store_true",
                   help="instead: random requests to the peer port (one member each)")
    a.add_argument("--raw", action="store_true",
                   help="instead: a fixed list of malformed and unusual HTTP requests, as bytes")
    args = a.parse_args()
    ours, ref, procs, tmp = start_servers(args)
    run = run_peer if args.peer else run_raw if args.raw else run_random
    try:
        return 1 if run(args, ours, ref) else 0
    finally:
        stop(procs, tmp)


if __name__ == "__main__":
    sys.exit(main())
