import random, sys
rnd = random.Random(int(sys.argv[1])); n = int(sys.argv[2])
keys = ["/a", "/a/b", "/a/_h", "/b", "/c/d", "/c"]
vals = ["one", "two"]
idx = 3
for i in range(n):
    k = rnd.choice(keys); v = rnd.choice(vals); t = rnd.choice([1000, 2000, 3000])
    op = rnd.randrange(11)
    pi = rnd.choice([0, rnd.randint(1, idx + 2)])
    pv = rnd.choice(vals)
    if op == 0: print("SETTTL", k, v, t)
    elif op == 1: print("DIRTTL", k, t)
    elif op == 2: print("UPDTTL", k, v, t)
    elif op == 3: print("REFRESH", k, t)
    elif op == 4: print("REFSET", k, t)
    elif op == 5: print("REFCAS", k, pv, pi, t)
    elif op == 6: print("SET", k, v)
    elif op == 7: print("UPDATE", k, v)
    elif op == 8: print("GET", k, rnd.choice(["false", "true"]))
    elif op == 9: print("UPDDIRTTL", k, t)
    else: print("WATCH", k, rnd.choice(["false", "true"]), rnd.randint(1, idx + 1))
    idx += 1
