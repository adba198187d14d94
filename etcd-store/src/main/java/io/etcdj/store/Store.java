package io.etcdj.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The v2 store (etcd's v2store.Store). Every write returns the {@link Event} it produced and
 * advances {@link #index()} by one; a failed write throws {@link EtcdException} and changes
 * nothing but the failure counters (SPEC KEY-076).
 *
 * <p>Thread-safety: safe for concurrent use. Writes are expected from a single apply thread;
 * reads ({@link #get}, {@link #watch} registration, {@link #jsonStats}, {@link #index}, {@link
 * #save}) may come from any thread at the same time. One store-wide read-write lock is taken at
 * each public method (etcd's worldLock): writes exclusive, reads shared. Watch listeners are
 * called on the writing thread while the write lock is held, so they must only hand the event
 * off (never block, never call back into a write). {@link Watcher#remove()} may be called from
 * any thread at any time, including from inside a listener. A stream watcher keeps receiving
 * every matching event: etcd drops a stream watcher whose 100-event buffer overflows (SPEC
 * KEY-170), and here that buffering and dropping is the HTTP layer's job.
 *
 * <p>SEAM: this file fixes the API that etcd-server codes against. Signatures change only
 * together with their callers.
 */
public final class Store {
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

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Clock clock;
  private final Set<String> readOnly;
  private final String[] namespaces;

  // Guarded by lock; replaced as a whole by recover().
  private NodeTree tree;
  private final WatcherHub hub;
  private StoreStats stats = new StoreStats();
  private long currentIndex;
  private int version = SnapshotFormat.VERSION;

  /**
   * A new store with the given top-level directories (etcd creates {@code /0} and {@code /1}),
   * at index 0. The clock is only used to compute {@code ttl} fields of returned nodes.
   */
  public Store(Clock clock, String... namespaces) {
    this.clock = clock;
    this.namespaces = namespaces.clone();
    String[] ro = new String[namespaces.length + 1];
    System.arraycopy(namespaces, 0, ro, 0, namespaces.length);
    ro[namespaces.length] = "/";
    this.readOnly = Set.of(ro);
    this.tree = newTree(namespaces);
    this.hub = new WatcherHub(new EventHistory(EventHistory.DEFAULT_CAPACITY));
  }

  private static NodeTree newTree(String[] namespaces) {
    NodeTree t = new NodeTree(Node.newDir(null, "", 0, Node.PERMANENT));
    for (String ns : namespaces) {
      t.root.children.put(Node.newDir(t.root, StorePath.base(StorePath.clean(ns)), 0, Node.PERMANENT));
    }
    return t;
  }

  /** The current etcd index: the index of the last successful write. */
  public long index() {
    lock.readLock().lock();
    try {
      return currentIndex;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** GET (action {@code get}). */
  public Event get(String nodePath, boolean recursive, boolean sorted) throws EtcdException {
    lock.readLock().lock();
    try {
      String p = StorePath.clean(nodePath);
      Node n = tree.get(p, currentIndex);
      NodeExtern node = n.load(p, recursive, sorted, nowNanos());
      stats.getSuccess.increment();
      return new Event(GET, node, null, currentIndex, false);
    } catch (EtcdException e) {
      stats.getFail.increment();
      throw e;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** PUT without conditions (action {@code set}); creates missing parent dirs. */
  public Event set(String nodePath, boolean dir, String value, TtlOptions ttlOptions)
      throws EtcdException {
    TtlOptions ttl = orPermanent(ttlOptions);
    lock.writeLock().lock();
    try {
      String p = StorePath.clean(nodePath);
      Node existing = null;
      EtcdException missing = null;
      try {
        existing = tree.get(p, currentIndex);
      } catch (EtcdException e) {
        if (e.error() != EtcdError.KEY_NOT_FOUND) {
          throw e;
        }
        missing = e;
      }
      if (ttl.refresh()) {
        if (missing != null) {
          throw missing;
        }
        value = existing.value;
      }
      Event e = internalCreate(p, dir, value, false, true, toNanos(ttl.expireTime()), SET);
      e = publish(e, ttl.refresh());
      stats.setSuccess++;
      return e;
    } catch (EtcdException e) {
      stats.setFail++;
      throw e;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Create (action {@code create}); with {@code unique} the key is a new child of nodePath named
   * after the new index, zero-padded to 20 digits (in-order keys, POST, SPEC KEY-143).
   */
  public Event create(String nodePath, boolean dir, String value, boolean unique, TtlOptions ttl)
      throws EtcdException {
    lock.writeLock().lock();
    try {
      Event e =
          internalCreate(
              StorePath.clean(nodePath),
              dir,
              value,
              unique,
              false,
              toNanos(orPermanent(ttl).expireTime()),
              CREATE);
      hub.notify(e);
      stats.createSuccess++;
      return e;
    } catch (EtcdException e) {
      stats.createFail++;
      throw e;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * PUT prevExist=true without compare values (action {@code update}). On a directory only the
   * TTL changes, and the stored modifiedIndex stays (SPEC KEY-067, KEY-068).
   */
  public Event update(String nodePath, String newValue, TtlOptions ttlOptions)
      throws EtcdException {
    TtlOptions ttl = orPermanent(ttlOptions);
    lock.writeLock().lock();
    try {
      String p = StorePath.clean(nodePath);
      if (readOnly.contains(p)) {
        // Q: etcd counts this failure as a success (its deferred counter misses the error).
        stats.updateSuccess++;
        throw new EtcdException(EtcdError.ROOT_READ_ONLY, "/", currentIndex);
      }
      Node n;
      try {
        n = tree.get(p, currentIndex);
      } catch (EtcdException e) {
        stats.updateFail++;
        throw e;
      }
      if (n.isDir() && !newValue.isEmpty()) {
        stats.updateSuccess++; // Q: same miscount as above.
        throw new EtcdException(EtcdError.NOT_FILE, p, currentIndex);
      }
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
      tree.updateTtl(n, toNanos(ttl.expireTime()));
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
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** prevValue "" and prevIndex 0 mean "not compared" (SPEC KEY-070, KEY-071). */
  public Event compareAndSwap(
      String nodePath, String prevValue, long prevIndex, String value, TtlOptions ttlOptions)
      throws EtcdException {
    TtlOptions ttl = orPermanent(ttlOptions);
    lock.writeLock().lock();
    try {
      String p = StorePath.clean(nodePath);
      if (readOnly.contains(p)) {
        stats.compareAndSwapSuccess++; // Q: etcd miscounts this failure as a success.
        throw new EtcdException(EtcdError.ROOT_READ_ONLY, "/", currentIndex);
      }
      Node n;
      try {
        n = tree.get(p, currentIndex);
        if (n.isDir()) {
          throw new EtcdException(EtcdError.NOT_FILE, p, currentIndex);
        }
        checkCompare(n, prevValue, prevIndex);
      } catch (EtcdException e) {
        stats.compareAndSwapFail++;
        throw e;
      }
      if (ttl.refresh()) {
        value = n.value;
      }
      long next = ++currentIndex;
      long now = nowNanos();
      NodeExtern prev = n.repr(p, false, false, now);
      n.value = value;
      n.modifiedIndex = next;
      tree.updateTtl(n, toNanos(ttl.expireTime()));
      NodeExtern node =
          new NodeExtern(p, value, false, n.expiration(), n.ttl(now), null, next, n.createdIndex);
      Event e = publish(new Event(COMPARE_AND_SWAP, node, prev, next, false), ttl.refresh());
      stats.compareAndSwapSuccess++;
      return e;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Delete (SPEC KEY-073..075); recursive implies dir. */
  public Event delete(String nodePath, boolean dir, boolean recursive) throws EtcdException {
    lock.writeLock().lock();
    try {
      String p = StorePath.clean(nodePath);
      if (readOnly.contains(p)) {
        stats.deleteSuccess++; // Q: etcd miscounts this failure as a success.
        throw new EtcdException(EtcdError.ROOT_READ_ONLY, "/", currentIndex);
      }
      try {
        Node n = tree.get(p, currentIndex);
        long next = currentIndex + 1;
        NodeExtern node = new NodeExtern(p, null, n.isDir(), null, 0, null, next, n.createdIndex);
        Event e = new Event(DELETE, node, n.repr(p, false, false, nowNanos()), next, false);
        tree.remove(n, p, dir || recursive, recursive, path -> hub.notifyWatchers(e, path, true), currentIndex);
        currentIndex = next;
        hub.notify(e);
        stats.deleteSuccess++;
        return e;
      } catch (EtcdException e) {
        stats.deleteFail++;
        throw e;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Compare-and-delete of a file (SPEC KEY-072, KEY-008). */
  public Event compareAndDelete(String nodePath, String prevValue, long prevIndex)
      throws EtcdException {
    lock.writeLock().lock();
    try {
      String p = StorePath.clean(nodePath);
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
      tree.remove(n, p, false, false, path -> hub.notifyWatchers(e, path, true), currentIndex);
      hub.notify(e);
      stats.compareAndDeleteSuccess++;
      return e;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Registers a watch. sinceIndex 0 means "the next event". If the history already holds a
   * matching event, the listener is called with it before this method returns (etcd then does
   * not register the watcher, even for a stream). Otherwise the listener is called, on the
   * writing thread, with each matching event until {@link Watcher#remove()} (a one-shot watcher
   * removes itself after its first event).
   *
   * @throws EtcdException 401 when sinceIndex is older than the history
   */
  public Watcher watch(
      String key, boolean recursive, boolean stream, long sinceIndex, Consumer<Event> listener)
      throws EtcdException {
    lock.readLock().lock();
    try {
      long since = sinceIndex == 0 ? currentIndex + 1 : sinceIndex;
      return hub.watch(StorePath.clean(key), recursive, stream, since, currentIndex, listener);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Expires every node whose expiration is at or before cutoff, in expiration order: one
   * {@code expire} event and one index each (SPEC KEY-123, KEY-124).
   */
  public void deleteExpiredKeys(Instant cutoff) {
    long cutoffNanos = Node.toNanos(cutoff);
    lock.writeLock().lock();
    try {
      long now = nowNanos();
      for (Node n = tree.heap.top(); n != null && n.expireNanos <= cutoffNanos; n = tree.heap.top()) {
        long next = ++currentIndex;
        String p = n.path();
        NodeExtern node = new NodeExtern(p, null, n.isDir(), null, 0, null, next, n.createdIndex);
        Event e = new Event(EXPIRE, node, n.repr(p, false, false, now), next, false);
        tree.heap.pop();
        try {
          tree.remove(n, p, true, true, path -> hub.notifyWatchers(e, path, true), currentIndex);
        } catch (EtcdException impossible) {
          throw new IllegalStateException(impossible);
        }
        stats.expireCount++;
        hub.notify(e);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  public boolean hasTtlKeys() {
    lock.readLock().lock();
    try {
      return tree.heap.size() != 0;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The JSON of {@code /v2/stats/store} (SPEC OTH-044), without a trailing newline. */
  public byte[] jsonStats() {
    lock.readLock().lock();
    try {
      stats.watchers = hub.count();
      return SnapshotFormat.statsJson(stats);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The whole store as etcd's snapshot JSON (SPEC PER-045..047). */
  public byte[] save() {
    lock.readLock().lock();
    try {
      return SnapshotFormat.write(tree.root, hub.history, currentIndex, stats, version);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Replaces the whole state with the one saved by {@link #save()} (or by etcd): tree, TTL heap,
   * history, index and stats (SPEC PER-048). Expired nodes stay until the next expiry; live
   * watchers stay registered, as in etcd.
   *
   * @throws IllegalArgumentException when the JSON is not a store snapshot
   */
  public void recover(byte[] json) {
    SnapshotFormat.Recovered r = SnapshotFormat.read(json);
    lock.writeLock().lock();
    try {
      NodeTree t = new NodeTree(r.root());
      t.rebuildHeap(r.root());
      tree = t;
      hub.history = r.history();
      currentIndex = r.currentIndex();
      stats = r.stats();
      version = r.version();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private Event internalCreate(
      String p, boolean dir, String value, boolean unique, boolean replace, long expire, String action)
      throws EtcdException {
    long curr = currentIndex;
    long next = curr + 1;
    if (unique) {
      p = StorePath.clean(p + "/" + String.format("%020d", next));
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
      tree.remove(existing, p, false, false, null, curr);
    }
    Node n = dir ? Node.newDir(d, name, next, expire) : Node.newFile(d, name, value, next, expire);
    tree.add(d, n);
    currentIndex = next;
    NodeExtern node =
        new NodeExtern(p, dir ? null : value, dir, n.expiration(), n.ttl(now), null, next, next);
    return new Event(action, node, prev, next, false);
  }

  /**
   * Sends an event to watchers, or for a refresh only records it, flagged (SPEC KEY-127).
   * Returns the event as recorded.
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

  private void checkCompare(Node n, String prevValue, long prevIndex) throws EtcdException {
    boolean indexMatch = prevIndex == 0 || n.modifiedIndex == prevIndex;
    boolean valueMatch = prevValue == null || prevValue.isEmpty() || n.value.equals(prevValue);
    if (indexMatch && valueMatch) {
      return;
    }
    String valuePart = "[" + prevValue + " != " + n.value + "]";
    String indexPart =
        "[" + Long.toUnsignedString(prevIndex) + " != " + Long.toUnsignedString(n.modifiedIndex) + "]";
    String cause = !valueMatch && !indexMatch ? valuePart + " " + indexPart : valueMatch ? indexPart : valuePart;
    throw new EtcdException(EtcdError.TEST_FAILED, cause, currentIndex);
  }

  private long nowNanos() {
    return Node.toNanos(clock.instant());
  }

  private static TtlOptions orPermanent(TtlOptions ttl) {
    return ttl == null ? TtlOptions.PERMANENT : ttl;
  }

  private static long toNanos(Instant t) {
    return t == null ? Node.PERMANENT : Node.toNanos(t);
  }
}
