package io.etcdj.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * The whole mutable state of a {@link Store} (tree, TTL heap, watcher hub with history, stats,
 * index) and etcd's v2 operations on it (etcd's store.go). Every successful write advances the
 * index by one; a failed write changes nothing but the counters (SPEC KEY-076). The stats keep
 * etcd's miscounts, marked "Q:" (SPEC KEY-190).
 *
 * <p>Thread-safety: not thread-safe. {@link Store} calls the writes under its write lock and the
 * reads under its read lock.
 */
final class StoreState {
  static final String GET = "get";
  static final String CREATE = "create";
  static final String SET = "set";
  static final String UPDATE = "update";
  static final String DELETE = "delete";
  static final String COMPARE_AND_SWAP = "compareAndSwap";
  static final String COMPARE_AND_DELETE = "compareAndDelete";
  static final String EXPIRE = "expire";

  /** Expirations before 2000-01-01T00:00:00Z mean "permanent" on create (SPEC KEY-122). */
  private static final long MIN_EXPIRE_NANOS = 946_684_800L * 1_000_000_000L;

  private final Clock clock;
  private final Set<String> readOnly;
  final WatcherHub hub;
  NodeTree tree;
  StoreStats stats = new StoreStats();
  /** Counted where etcd reports its store metrics: every call, whatever its outcome. */
  final StoreMetrics metrics = new StoreMetrics();
  long currentIndex;
  int version = SnapshotFormat.VERSION;

  StoreState(Clock clock, Set<String> readOnly, NodeTree tree) {
    this.clock = clock;
    this.readOnly = readOnly;
    this.tree = tree;
    this.hub = new WatcherHub(new EventHistory(EventHistory.DEFAULT_CAPACITY));
  }

  Event get(String p, boolean recursive, boolean sorted) throws EtcdException {
    metrics.read(recursive);
    try {
      Node n = tree.get(p, currentIndex);
      NodeExtern node = n.load(p, recursive, sorted, nowNanos());
      stats.getSuccess.increment();
      return new Event(GET, node, null, currentIndex, false);
    } catch (EtcdException e) {
      stats.getFail.increment();
      throw e;
    }
  }

  /**
   * The value of the file at {@code p}, read the way etcd's auth store reads its flag: a get that
   * counts in the statistics (a miss as a failed get), but answered with null instead of an
   * exception, since on a member without auth every keys request misses.
   */
  String getValue(String p) {
    metrics.read(false);
    Node n;
    try {
      n = tree.find(p, currentIndex);
    } catch (EtcdException notADirectory) {
      n = null;
    }
    if (n == null) {
      stats.getFail.increment();
      return null;
    }
    stats.getSuccess.increment();
    return n.isDir() ? null : n.value;
  }

  /** A read for the member's own bookkeeping: no stats, null for a missing node or a file on the way. */
  NodeExtern peek(String p, boolean recursive, boolean sorted) {
    try {
      Node n = tree.find(p, currentIndex);
      return n == null ? null : n.load(p, recursive, sorted, nowNanos());
    } catch (EtcdException e) {
      return null;
    }
  }

  Event set(String p, boolean dir, String value, TtlOptions ttl) throws EtcdException {
    metrics.write(SET);
    try {
      // etcd looks the key up first: a file on the path fails here (104), a missing key not.
      Node existing = tree.find(p, currentIndex);
      if (ttl.refresh()) {
        if (existing == null) {
          tree.get(p, currentIndex); // throws 100 with the first missing component
        }
        value = existing.value;
      }
      Event e = create(p, dir, value, false, true, toNanos(ttl.expireTime()), SET);
      e = publish(e, ttl.refresh());
      stats.setSuccess++;
      return e;
    } catch (EtcdException e) {
      stats.setFail++;
      throw e;
    }
  }

  Event create(String p, boolean dir, String value, boolean unique, TtlOptions ttl)
      throws EtcdException {
    metrics.write(CREATE);
    try {
      Event e = create(p, dir, value, unique, false, toNanos(ttl.expireTime()), CREATE);
      hub.notify(e);
      stats.createSuccess++;
      return e;
    } catch (EtcdException e) {
      stats.createFail++;
      throw e;
    }
  }

  Event update(String p, String newValue, TtlOptions ttl) throws EtcdException {
    metrics.write(UPDATE);
    if (readOnly.contains(p)) {
      // Q: etcd counts this failure as a success (its deferred counter misses the error).
      stats.updateSuccess++;
      throw new EtcdException(EtcdError.ROOT_READ_ONLY, "/", currentIndex);
    }
    Node found;
    try {
      found = tree.get(p, currentIndex);
    } catch (EtcdException e) {
      stats.updateFail++;
      throw e;
    }
    if (found.isDir() && !newValue.isEmpty()) {
      stats.updateSuccess++; // Q: same miscount.
      throw new EtcdException(EtcdError.NOT_FILE, p, currentIndex);
    }
    Node n = tree.writable(p);
    if (ttl.refresh()) {
      newValue = n.value;
    }
    long next = currentIndex + 1;
    long now = nowNanos();
    NodeExtern prev = n.repr(p, false, false, now);
    if (!n.isDir()) {
      n.value = newValue;
      n.modifiedIndex = next;
    }
    // SPEC KEY-068: a directory keeps its stored modifiedIndex, the event shows the new one.
    tree.updateTtl(n, p, toNanos(ttl.expireTime()));
    NodeExtern node =
        new NodeExtern(
            p,
            n.isDir() ? null : newValue,
            n.isDir(),
            n.expiration(),
            n.ttl(now),
            null,
            next,
            n.createdIndex);
    currentIndex = next;
    Event e = publish(new Event(UPDATE, node, prev, next, false), ttl.refresh());
    stats.updateSuccess++;
    return e;
  }

  Event compareAndSwap(String p, String prevValue, long prevIndex, String value, TtlOptions ttl)
      throws EtcdException {
    metrics.write(COMPARE_AND_SWAP);
    if (readOnly.contains(p)) {
      stats.compareAndSwapSuccess++; // Q: etcd miscounts this failure as a success.
      throw new EtcdException(EtcdError.ROOT_READ_ONLY, "/", currentIndex);
    }
    try {
      Node found = tree.get(p, currentIndex);
      if (found.isDir()) {
        throw new EtcdException(EtcdError.NOT_FILE, p, currentIndex);
      }
      checkCompare(found, prevValue, prevIndex);
    } catch (EtcdException e) {
      stats.compareAndSwapFail++;
      throw e;
    }
    Node n = tree.writable(p);
    if (ttl.refresh()) {
      value = n.value;
    }
    long next = ++currentIndex;
    long now = nowNanos();
    NodeExtern prev = n.repr(p, false, false, now);
    n.value = value;
    n.modifiedIndex = next;
    tree.updateTtl(n, p, toNanos(ttl.expireTime()));
    NodeExtern node =
        new NodeExtern(p, value, false, n.expiration(), n.ttl(now), null, next, n.createdIndex);
    Event e = publish(new Event(COMPARE_AND_SWAP, node, prev, next, false), ttl.refresh());
    stats.compareAndSwapSuccess++;
    return e;
  }

  Event delete(String p, boolean dir, boolean recursive) throws EtcdException {
    metrics.write(DELETE);
    if (readOnly.contains(p)) {
      stats.deleteSuccess++; // Q: etcd miscounts this failure as a success.
      throw new EtcdException(EtcdError.ROOT_READ_ONLY, "/", currentIndex);
    }
    try {
      Node n = tree.get(p, currentIndex);
      long next = currentIndex + 1;
      NodeExtern node = new NodeExtern(p, null, n.isDir(), null, 0, null, next, n.createdIndex);
      Event e = new Event(DELETE, node, n.repr(p, false, false, nowNanos()), next, false);
      Node parent = tree.writable(StorePath.dir(p));
      tree.remove(
          parent,
          n,
          p,
          dir || recursive,
          recursive,
          path -> hub.notifyWatchers(e, path, true),
          currentIndex);
      currentIndex = next;
      hub.notify(e);
      stats.deleteSuccess++;
      return e;
    } catch (EtcdException e) {
      stats.deleteFail++;
      throw e;
    }
  }

  Event compareAndDelete(String p, String prevValue, long prevIndex) throws EtcdException {
    metrics.write(COMPARE_AND_DELETE);
    Node n;
    try {
      n = tree.get(p, currentIndex);
    } catch (EtcdException e) {
      stats.compareAndDeleteFail++;
      throw e;
    }
    // Q: etcd counts the two failures below as successes (its deferred counter misses them).
    if (n.isDir()) {
      stats.compareAndDeleteSuccess++;
      throw new EtcdException(EtcdError.NOT_FILE, p, currentIndex);
    }
    try {
      checkCompare(n, prevValue, prevIndex);
    } catch (EtcdException e) {
      stats.compareAndDeleteSuccess++;
      throw e;
    }
    long next = ++currentIndex;
    NodeExtern node = new NodeExtern(p, null, false, null, 0, null, next, n.createdIndex);
    Event e = new Event(COMPARE_AND_DELETE, node, n.repr(p, false, false, nowNanos()), next, false);
    Node parent = tree.writable(StorePath.dir(p));
    tree.remove(parent, n, p, false, false, path -> hub.notifyWatchers(e, path, true), next);
    hub.notify(e);
    stats.compareAndDeleteSuccess++;
    return e;
  }

  void deleteExpiredKeys(long cutoffNanos) throws EtcdException {
    long now = nowNanos();
    for (Node n = tree.heap.top(); n != null && n.expireNanos <= cutoffNanos; n = tree.heap.top()) {
      String p = tree.heap.topPath();
      long next = ++currentIndex;
      NodeExtern node = new NodeExtern(p, null, n.isDir(), null, 0, null, next, n.createdIndex);
      Event e = new Event(EXPIRE, node, n.repr(p, false, false, now), next, false);
      tree.heap.pop();
      Node parent = tree.writable(StorePath.dir(p));
      tree.remove(parent, n, p, true, true, path -> hub.notifyWatchers(e, path, true), next);
      stats.expireCount++;
      metrics.expired();
      hub.notify(e);
    }
  }

  /** etcd's internalCreate: set (replace) and create, with implicit parents. */
  private Event create(
      String p,
      boolean dir,
      String value,
      boolean unique,
      boolean replace,
      long expire,
      String action)
      throws EtcdException {
    long curr = currentIndex;
    long next = curr + 1;
    if (unique) {
      p = StorePath.clean(p + "/" + inOrderName(next));
    }
    if (readOnly.contains(p)) {
      throw new EtcdException(EtcdError.ROOT_READ_ONLY, "/", curr);
    }
    if (expire != Node.PERMANENT && expire < MIN_EXPIRE_NANOS) {
      expire = Node.PERMANENT;
    }
    Node d;
    try {
      d = tree.ensureDir(StorePath.dir(p), next, curr);
    } catch (EtcdException e) {
      stats.setFail++; // Q: counted as a failed set on top of the caller's counter (KEY-190).
      metrics.write(action); // and the metric twice (OTH-052)
      throw e;
    }
    String name = StorePath.base(p);
    long now = nowNanos();
    NodeExtern prev = null;
    Node existing = d.children.get(name);
    if (existing != null) {
      if (!replace) {
        throw new EtcdException(EtcdError.NODE_EXIST, p, curr);
      }
      if (existing.isDir()) {
        throw new EtcdException(EtcdError.NOT_FILE, p, curr);
      }
      prev = existing.repr(p, false, false, now);
      tree.remove(d, existing, p, false, false, null, curr);
    }
    Node n = tree.newNode(dir, name, value, next, expire);
    tree.add(d, n, p);
    currentIndex = next;
    NodeExtern node =
        new NodeExtern(p, dir ? null : value, dir, n.expiration(), n.ttl(now), null, next, next);
    return new Event(action, node, prev, next, false);
  }

  /** SPEC KEY-143: the index in decimal, left-padded with zeros to 20 digits. */
  static String inOrderName(long index) {
    String digits = Long.toUnsignedString(index);
    return "0".repeat(Math.max(0, 20 - digits.length())) + digits;
  }

  /**
   * Sends an event to watchers, or for a refresh only records it, flagged (SPEC KEY-127). Returns
   * the event as recorded.
   */
  private Event publish(Event e, boolean refresh) {
    if (refresh) {
      Event flagged = new Event(e.action(), e.node(), e.prevNode(), e.etcdIndex(), true);
      hub.add(flagged);
      return flagged;
    }
    hub.notify(e);
    return e;
  }

  /** SPEC KEY-070: causes {@code [prevValue != value]}, {@code [prevIndex != index]}, or both. */
  private void checkCompare(Node n, String prevValue, long prevIndex) throws EtcdException {
    boolean indexMatch = prevIndex == 0 || n.modifiedIndex == prevIndex;
    boolean valueMatch = prevValue == null || prevValue.isEmpty() || n.value.equals(prevValue);
    if (indexMatch && valueMatch) {
      return;
    }
    String valuePart = "[" + prevValue + " != " + n.value + "]";
    String indexPart =
        "["
            + Long.toUnsignedString(prevIndex)
            + " != "
            + Long.toUnsignedString(n.modifiedIndex)
            + "]";
    String cause =
        !valueMatch && !indexMatch
            ? valuePart + " " + indexPart
            : valueMatch ? indexPart : valuePart;
    throw new EtcdException(EtcdError.TEST_FAILED, cause, currentIndex);
  }

  private long nowNanos() {
    return Node.toNanos(clock.instant());
  }

  static long toNanos(Instant t) {
    return t == null ? Node.PERMANENT : Node.toNanos(t);
  }
}
