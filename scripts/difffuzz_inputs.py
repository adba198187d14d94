"""What scripts/difffuzz.py sends: the request grammars of its modes and their fixed inputs."""

import urllib.parse

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
