import random, sys
rnd = random.Random(int(sys.argv[1])); n = int(sys.argv[2])
keys = ["/a", "/a/b", "/a/b/c", "/a/_h", "/b", "/b/x", "/_h", "/c/d/e", "/c", "/q"]
vals = ["one", "two", "x", "<&>"]
idx = 3
for i in range(n):
    k = rnd.choice(keys); v = rnd.choice(vals)
    op = rnd.randrange(12)
    pi = rnd.choice([0, rnd.randint(1, idx + 2)])
    pv = rnd.choice(vals)
    if op in (0, 1): print("SET", k, v)
    elif op == 2: print("MKDIR", k)
    elif op == 3: print("CREATE", k, v)
    elif op == 4: print("POST", k, v)
    elif op == 5: print("UPDATE", k, v)
    elif op == 6: print("UPDDIR", k)
    elif op == 7: print("CAS", k, pv, pi, v)
    elif op == 8: print("DEL", k, rnd.choice(["false", "true"]), rnd.choice(["false", "true"]))
    elif op == 9: print("CAD", k, pv, pi)
    elif op == 10: print("GET", k, rnd.choice(["false", "true"]))
    else: print("WATCH", k, rnd.choice(["false", "true"]), rnd.randint(1, idx + 1))
    idx += 1  # an upper bound only
