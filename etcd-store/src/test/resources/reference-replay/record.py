import http.client, sys, urllib.parse
c = http.client.HTTPConnection('127.0.0.1', 43379, timeout=2)
def req(m, path, q=None, body=None):
    global c
    url = '/v2/keys' + path + ('?' + urllib.parse.urlencode(q) if q else '')
    h = {'Content-Type': 'application/x-www-form-urlencoded'} if body is not None else {}
    try:
        c.request(m, url, body=urllib.parse.urlencode(body) if body is not None else None, headers=h)
        r = c.getresponse(); b = r.read().decode()
        return b.rstrip('\n')
    except Exception:
        c.close(); c = http.client.HTTPConnection('127.0.0.1', 43379, timeout=2)
        return 'TIMEOUT'
for line in open(sys.argv[1]):
    f = line.split()
    op, k = f[0], f[1]
    if op == 'SET': out = req('PUT', k, body={'value': f[2]})
    elif op == 'MKDIR': out = req('PUT', k, body={'dir': 'true'})
    elif op == 'CREATE': out = req('PUT', k, {'prevExist': 'false'}, {'value': f[2]})
    elif op == 'POST': out = req('POST', k, body={'value': f[2]})
    elif op == 'UPDATE': out = req('PUT', k, {'prevExist': 'true'}, {'value': f[2]})
    elif op == 'UPDDIR': out = req('PUT', k, {'prevExist': 'true', 'dir': 'true'}, {})
    elif op == 'CAS':
        q = {'prevValue': f[2]}
        if f[3] != '0': q['prevIndex'] = f[3]
        out = req('PUT', k, q, {'value': f[4]})
    elif op == 'DEL': out = req('DELETE', k, {'dir': f[2], 'recursive': f[3]})
    elif op == 'CAD':
        q = {'prevValue': f[2]}
        if f[3] != '0': q['prevIndex'] = f[3]
        out = req('DELETE', k, q)
    elif op == 'GET': out = req('GET', k, {'recursive': f[2], 'sorted': 'true'})
    elif op == 'WATCH': out = req('GET', k, {'wait': 'true', 'recursive': f[2], 'waitIndex': f[3]})
    print(out)
