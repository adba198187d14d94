import http.client, sys, urllib.parse
exec(open('ref.py').read().split('for line in')[0])
for line in open(sys.argv[1]):
    f = line.split(); op, k = f[0], f[1]
    if op == 'SETTTL': out = req('PUT', k, body={'value': f[2], 'ttl': f[3]})
    elif op == 'DIRTTL': out = req('PUT', k, body={'dir': 'true', 'ttl': f[2]})
    elif op == 'UPDTTL': out = req('PUT', k, {'prevExist': 'true'}, {'value': f[2], 'ttl': f[3]})
    elif op == 'REFRESH': out = req('PUT', k, {'prevExist': 'true', 'refresh': 'true'}, {'ttl': f[2]})
    elif op == 'REFSET': out = req('PUT', k, {'refresh': 'true'}, {'ttl': f[2]})
    elif op == 'REFCAS':
        q = {'prevValue': f[2], 'refresh': 'true'}
        if f[3] != '0': q['prevIndex'] = f[3]
        out = req('PUT', k, q, {'ttl': f[4]})
    elif op == 'SET': out = req('PUT', k, body={'value': f[2]})
    elif op == 'UPDATE': out = req('PUT', k, {'prevExist': 'true'}, {'value': f[2]})
    elif op == 'GET': out = req('GET', k, {'recursive': f[2], 'sorted': 'true'})
    elif op == 'UPDDIRTTL': out = req('PUT', k, {'prevExist': 'true', 'dir': 'true'}, {'ttl': f[2]})
    elif op == 'WATCH': out = req('GET', k, {'wait': 'true', 'recursive': f[2], 'waitIndex': f[3]})
    print(out)
