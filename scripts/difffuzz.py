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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

KEYS = ["a", "b", "d", "d/x", "d/y", "d/e/f", "_h", "a%20b", "%zz", "d%2Fx", "", "a/", "..", ".", "d//x"]
PARAMS = {
    "value": ["v", "", "w", "a=b", "ü"],
    "dir": ["true", "false", "1", "yes", ""],
    # No short TTLs: when a key expires is up to each server's clock and SYNC timer.
    "ttl": ["100", "-1", "abc", "", "18446744073709551616"],
    "prevExist": ["true", "false", "t", "maybe"],
    "prevValue": ["v", "w", ""],
    "prevIndex": ["0", "1", "5", "-3", "x", "99999"],
    "recursive": ["true", "false", "bad"],
    "sorted": ["true", "false", "2"],
    "quorum": ["true", "false", "nah"],
    "refresh": ["true", "false", "x"],
    "consistent": ["true"],
    "wait": ["false", "bad"],
    "waitIndex": ["1", "x", ""],
    "stream": ["true", "bad"],
    "noValueOnSuccess": ["true"],
}
METHODS = ["GET", "GET", "PUT", "PUT", "PUT", "POST", "DELETE", "DELETE", "HEAD", "PATCH",
           "OPTIONS"]
# Form bodies go out with one of these (None: no Content-Type header).
FORM_TYPES = ["application/x-www-form-urlencoded"] * 6 + [
    None, "application/json", "text/plain", "application/x-www-form-urlencoded; charset=utf-8"]
# Other endpoints: the status and Content-Type are compared, and the body of error answers (the
# bodies of successful ones hold member IDs, URLs, times and versions, which differ by nature).
OTHER_PATHS = ["/v2/auth/users/u", "/v2/auth/users/root", "/v2/auth/roles/r",
               "/v2/auth/roles/guest", "/v2/auth/users/u", "/v2/auth/roles/r", "/version", "/health", "/v2/machines", "/v2/members", "/v2/members/",
               "/v2/members/1234", "/v2/members/xyz", "/v2/members/leader", "/v2/stats/self",
               "/v2/stats/leader", "/v2/stats/store", "/v2/stats", "/v2", "/", "/v2/keys",
               "/v2/auth/enabled", "/v2/auth/users", "/v2/auth/users/u", "/v2/auth/roles",
               "/v2/auth/roles/root", "/v2/keys/a?wait=bad", "/nope"]
OTHER_METHODS = ["GET", "GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"]
# Only bodies that /v2/members must refuse: adding a member that never starts would leave the
# single-member cluster without a quorum.
OTHER_BODIES = [None, "", "{", "[]", '{"peerURLs":[]}', '{"peerURLs":["bad"]}',
                '{"peerURLs":"x"}', '{"user":"u"}', '{"role":"r"}', '{"user":"u","password":"p"}',
                '{"user":"u","roles":["r"]}', '{"user":"u","grant":["r"]}',
                '{"user":"u","revoke":["r"]}', '{"user":"x","password":"p"}',
                '{"role":"r","permissions":{"kv":{"read":["/a/*"],"write":[]}}}',
                '{"role":"r","grant":{"kv":{"read":["/d"]}}}',
                '{"role":"r","revoke":{"kv":{"read":["/d"]}}}', '{"role":"x"}',
                '{"user":"root","password":"p"}', '{"role":"root"}', '{"user":1}']
DROP = {"modifiedIndex", "createdIndex", "index", "expiration", "ttl"}
# Headers compared by presence (their values hold indexes and IDs), and Allow by value.
HEADERS = ["X-Etcd-Index", "X-Raft-Index", "X-Raft-Term", "X-Etcd-Cluster-Id", "Allow",
           "Location", "WWW-Authenticate"]
IN_ORDER = re.compile(r"/\d{20}(?=/|$)")


def random_other(r):
    method = r.choice(OTHER_METHODS)
    body = r.choice(OTHER_BODIES) if method in ("PUT", "POST", "PATCH") else None
    return method, r.choice(OTHER_PATHS), body, "application/json"


# --peer: requests to the peer port. Both members are alone in their clusters under different
# IDs, so bodies that name IDs differ by nature; statuses, Content-Types and error bodies must not.
# No /raft/snapshot: etcd 3 added it (PTR-006), 2.3 sends snapshots through POST /raft.
PEER_PATHS = ["/members", "/members/", "/version", "/raft", "/raft/", "/raft/probing",
              "/raft/stream/msgapp/1", "/raft/stream/message/1", "/raft/stream/msgappv2/1",
              "/raft/stream/x/1", "/raft/stream/message/zz", "/v2/keys/a",
              "/", "/nope", "/members?x=1", "/raft/stream/message/"]
PEER_METHODS = ["GET", "GET", "POST", "PUT", "DELETE", "HEAD"]
# "own": the receiving server's own version and minimum cluster version (2.3.8 and 2.2.0 here,
# 3.4.x and 3.0.0 for the reference), so that the version check passes on both alike.
PEER_HEADERS = [
    {},
    {"X-Server-Version": "own"},
    {"X-Server-Version": "9.9.9", "X-Min-Cluster-Version": "9.9.0"},
    {"X-Server-Version": "own", "X-Etcd-Cluster-ID": "1"},
    {"X-Server-Version": "1.0.0", "X-Min-Cluster-Version": "1.0.0"},
    {"X-Server-Version": "own", "X-Etcd-Cluster-ID": "own"},
    {"X-Server-Version": "own", "X-Etcd-Cluster-ID": "own", "X-Raft-To": "1"},
    {"X-Server-Version": "own", "X-Etcd-Cluster-ID": "own", "X-Server-From": "1"},
]
PEER_BODIES = [None, b"", b"\x08\x03", b"garbage\xff\xfe", b"\x00" * 16]


def random_peer(r):
    method = r.choice(PEER_METHODS)
    body = r.choice(PEER_BODIES) if method in ("POST", "PUT") else None
    return method, r.choice(PEER_PATHS), body, dict(r.choice(PEER_HEADERS))


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


def random_request(r):
    method = r.choice(METHODS)
    key = r.choice(KEYS)
    params = {}
    for _ in range(r.choice([0, 1, 1, 2, 2, 3])):
        name = r.choice(list(PARAMS))
        params[name] = r.choice(PARAMS[name])
    if method == "GET" and r.random() < 0.15:
        # A watch from an index answers at once from the event history when an event matches
        # (or with 401 once the index is cleared); otherwise it waits on both, and both time out.
        params["wait"] = "true"
        params["waitIndex"] = r.choice(["1", "5", "20", "60", "200"])
    in_body = method in ("PUT", "POST") and r.random() < 0.7
    query = "" if in_body or not params else "?" + urllib.parse.urlencode(params)
    body = urllib.parse.urlencode(params) if in_body else None
    return method, "/v2/keys/" + key + query, body, r.choice(FORM_TYPES)


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


# --auth: users and roles set up alike on both, auth enabled, then each request goes with one of
# these Authorization headers (None: none).
AUTH_SETUP = [
    ("PUT", "/v2/auth/users/root", '{"user":"root","password":"rootpw"}'),
    ("PUT", "/v2/auth/roles/rw", '{"role":"rw","permissions":{"kv":{"read":["/d/*","/a"],'
                                 '"write":["/d/*"]}}}'),
    ("PUT", "/v2/auth/users/u", '{"user":"u","password":"upw","roles":["rw"]}'),
    ("PUT", "/v2/auth/enable", None),
]
CREDENTIALS = [None, "Basic cm9vdDpyb290cHc=", "Basic dTp1cHc=", "Basic dTp3cm9uZw==",
               "Basic bm9ib2R5Ong=", "Basic !!", "Bearer x"]


# --raw: HTTP-level inputs, each sent once on a fresh connection; the status lines of the answers
# are compared (a reset counts as one), since Go and Netty word and order headers differently.
RAW = [
    b"GET /v2/keys/ HTTP/1.0\r\n\r\n",
    b"GET /v2/keys/ HTTP/1.1\r\n\r\n",
    b"GET /v2/keys/ HTTP/2.0\r\nHost: x\r\n\r\n",
    b"GET /v2/keys/ HTTP/9.9\r\nHost: x\r\n\r\n",
    b"BLAH\r\n\r\n",
    b"GET /v2/keys/ HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
    b"GET /v2/keys/ HTTP/1.1\r\nHost: x\r\nX: " + b"a" * (1 << 20) + b"\r\n\r\n",
    b"GET /v2/keys/" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"PUT /v2/keys/raw1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nContent-Length: 7\r\n\r\nvalue=1",
    b"PUT /v2/keys/raw2 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nTransfer-Encoding: chunked\r\n\r\n7\r\nvalue=2\r\n0\r\n\r\n",
    b"PUT /v2/keys/raw3 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nContent-Length: abc\r\n\r\nvalue=3",
    b"PUT /v2/keys/raw4 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nContent-Length: 7\r\nTransfer-Encoding: chunked\r\n\r\n7\r\nvalue=4\r\n0\r\n\r\n",
    b"PUT /v2/keys/raw5 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nContent-Length: 7\r\nContent-Length: 8\r\n\r\nvalue=5",
    b"PUT /v2/keys/raw6 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nTransfer-Encoding: gzip\r\n\r\nvalue=6",
    b"GET http://other/v2/keys/ HTTP/1.1\r\nHost: x\r\n\r\n",
    b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
    b"get /v2/keys/ HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /v2/keys/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"GET /v2/keys/\tx HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET  /v2/keys/ HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /v2/keys/ HTTP/1.1\nHost: x\n\n",
    b"GET v2/keys/ HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /v2/keys/ HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
    b"GET /v2/keys/ HTTP/1.1\r\nHost: a b\r\n\r\n",
    b"GET /v2/keys/ HTTP/1.1\r\nHost: x\r\n Folded: y\r\n\r\n",
    b"GET /v2/keys/ HTTP/1.1\r\nHost: x\r\nX Y: z\r\n\r\n",
    b"GET /v2/keys/%00 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /v2/keys/ HTTP/1.1\r\nHost: x\r\n\r\nGET /version HTTP/1.1\r\nHost: x\r\n\r\n",
    # Pipelined: a write, then a read of it, twice; then a malformed request.
    b"PUT /v2/keys/pipe HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nContent-Length: 7\r\n\r\nvalue=1GET /v2/keys/pipe HTTP/1.1\r\nHost: x\r\n\r\n"
    b"PUT /v2/keys/pipe HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nContent-Length: 7\r\n\r\nvalue=2DELETE /v2/keys/pipe?prevValue=1 HTTP/1.1\r\nHost: x"
    b"\r\n\r\nBLAH\r\n\r\n",
    b"PUT /v2/keys/raw7 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nExpect: 100-continue\r\nContent-Length: 7\r\n\r\nvalue=7",
    b"PUT /v2/keys/raw8 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nExpect: something\r\nContent-Length: 7\r\n\r\nvalue=8",
    b"POST /v2/keys/raw9 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
    b"\r\nContent-Length: 9\r\n\r\nvalue=%zz",
    b"PUT /v2/keys/raw10 HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b"
    b"\r\nContent-Length: 52\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\nm"
    b"\r\n--b--\r\n",
]


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

    procs, tmp = [], None
    if args.ours and args.ref:
        ours, ref = args.ours.split(","), args.ref.split(",")
    else:
        tmp = tempfile.mkdtemp(prefix="difffuzz.")
        log = open(os.path.join(tmp, "servers.log"), "w")
        n = args.members
        ref = ["http://127.0.0.1:%d" % (args.port + 2 * i) for i in range(n)]
        ours = ["http://127.0.0.1:%d" % (args.port + 2 * n + 2 * i) for i in range(n)]
        procs += start([["etcd", "--enable-v2"] + f for f in cluster_flags(
            os.path.join(tmp, "ref"), args.port, n)], ref[0], log)
        procs += start([[os.path.join(ROOT, "scripts", "etcd")] + f for f in cluster_flags(
            os.path.join(tmp, "ours"), args.port + 2 * n, n)], ours[0], log)
        if args.proxy:
            for i, (binary, first) in enumerate(
                    [(["etcd", "--enable-v2"], args.port),
                     ([os.path.join(ROOT, "scripts", "etcd")], args.port + 2 * n)]):
                url = "http://127.0.0.1:%d" % (args.port + 4 * n + i)
                peers = ",".join("m%d=http://127.0.0.1:%d" % (j, first + 2 * j + 1)
                                 for j in range(n))
                procs += start([binary + ["--proxy", args.proxy, "--name", "proxy%d" % i,
                                          "--data-dir", os.path.join(tmp, "proxy%d" % i),
                                          "--listen-client-urls", url,
                                          "--initial-cluster", peers]], url, log)
                if i == 0:
                    ref = [url]
                else:
                    ours = [url]

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
    if args.peer:
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
        try:
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
        finally:
            stop(procs, tmp)
        for (status, body), n in sorted(seen.items(), key=lambda kv: -kv[1])[:12]:
            print("  %4d x %d %r" % (n, status, body))
        print("peer seed %d: %d requests, %d differed" % (args.seed, args.count, differ))
        return 1 if differ else 0
    if args.raw:
        differ = 0
        try:
            for data in RAW:
                got, want = raw_exchange(ours[0], data), raw_exchange(ref[0], data)
                if status_lines(got) != status_lines(want):
                    differ += 1
                    print("%r" % data[:100])
                    print("  etcd: %r" % status_lines(want))
                    print("  ours: %r" % status_lines(got))
        finally:
            stop(procs, tmp)
        print("raw: %d inputs, %d differed" % (len(RAW), differ))
        return 1 if differ else 0
    r = random.Random(args.seed)
    differ = 0
    statuses = {}
    # A member answers plain reads from its own store: send them where the last write went,
    # which has applied every write before it (a write is answered once applied locally).
    last_writer = 0
    # Other endpoints go to each cluster's leader (/v2/stats/leader answers only there).
    lead_ours, lead_ref = leader(ours), leader(ref)
    drift = None
    try:
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
                    print("#%d index drift %d -> %d after %s %s %s" % (i, drift, d, method, path, body or ""))
                drift = d
            if g != w:
                differ += 1
                if differ <= args.show:
                    print("#%d m%d/m%d %s %s %s (%s) %s" % (i, mo, mr, method, path, body or "",
                                                         ctype, cred or ""))
                    print("  etcd: %d %s %s %s" % (want[0], want[1], want[4], want[2][:300]))
                    print("  ours: %d %s %s %s" % (got[0], got[1], got[4], got[2][:300]))
    finally:
        stop(procs, tmp)
    print("statuses: " + ", ".join("%d x%d" % kv for kv in sorted(statuses.items())))
    print("seed %d: %d requests, %d differed" % (args.seed, args.count, differ))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
