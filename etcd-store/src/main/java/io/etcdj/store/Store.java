package io.etcdj.store;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The v2 store (etcd's v2store.Store). Every write returns the {@link Event} it produced and
 * advances {@link #index()} by one; a failed write throws {@link EtcdException} and changes nothing
 * but the failure counters (SPEC KEY-076). Paths are internal store paths ({@code /1/foo}); they
 * are cleaned like Go's {@code path.Clean} (SPEC KEY-023).
 *
 * <p>Thread-safety: safe for concurrent use. Writes are expected from a single apply thread; reads
 * ({@link #get}, {@link #watch} registration, {@link #jsonStats}, {@link #index}) may come from any
 * thread at the same time. One store-wide read-write lock is taken at each public method (etcd's
 * worldLock): writes exclusive, reads shared. Watch listeners are called on the writing thread
 * while the write lock is held, so they must only hand the event off (never block, never write to
 * the store). {@link Watcher#remove()} may be called from any thread at any time, including from
 * inside a listener. A stream watcher keeps receiving every matching event: etcd drops a stream
 * watcher whose 100-event buffer overflows (SPEC KEY-170), and here that buffering and dropping is
 * the HTTP layer's job.
 *
 * <p>Snapshots do not stop the world: {@link #snapshotView()} takes the write lock only to freeze
 * the copy-on-write tree (O(1)); the JSON is written afterwards, on any thread, while writes go on
 * (see {@link NodeTree}).
 *
 * <p>SEAM: this file fixes the API that etcd-server codes against. Signatures change only together
 * with their callers.
 */
public final class Store {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final StoreState state;

  /**
   * A new store with the given top-level directories (etcd creates {@code /0} and {@code /1}), at
   * index 0. The clock is only used to compute {@code ttl} fields of returned nodes.
   */
  public Store(Clock clock, String... namespaces) {
    String[] readOnly = new String[namespaces.length + 1];
    for (int i = 0; i < namespaces.length; i++) {
      readOnly[i] = StorePath.clean(namespaces[i]);
    }
    readOnly[namespaces.length] = "/";
    this.state = new StoreState(clock, Set.copyOf(Arrays.asList(readOnly)), newTree(readOnly));
  }

  private static NodeTree newTree(String[] namespaces) {
    Node root = Node.newDir("", 0, Node.PERMANENT, 0);
    for (String ns : namespaces) {
      if (!ns.equals("/")) {
        root.children.put(Node.newDir(StorePath.base(ns), 0, Node.PERMANENT, 0));
      }
    }
    return new NodeTree(root);
  }

  /** The current etcd index: the index of the last successful write. */
  public long index() {
    lock.readLock().lock();
    try {
      return state.currentIndex;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The node at {@code nodePath}, or null: a read the member makes for itself (its membership, the
   * cluster version), which etcd answers from memory, so unlike {@link #get} it counts in no
   * statistics (SPEC KEY-190, OTH-044: etcd keeps these in memory).
   */
  public NodeExtern peek(String nodePath, boolean recursive, boolean sorted) {
    String p = StorePath.clean(nodePath);
    lock.readLock().lock();
    try {
      return state.peek(p, recursive, sorted);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The value of the file at {@code nodePath}, or null for a directory or a missing node; counted
   * as a get, success or failure (SPEC KEY-190: etcd's auth check moves getsFail this way).
   */
  public String getValue(String nodePath) {
    String p = StorePath.clean(nodePath);
    lock.readLock().lock();
    try {
      return state.getValue(p);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** GET (action {@code get}); a directory lists its non-hidden children (SPEC KEY-140). */
  public Event get(String nodePath, boolean recursive, boolean sorted) throws EtcdException {
    String p = StorePath.clean(nodePath);
    lock.readLock().lock();
    try {
      return state.get(p, recursive, sorted);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** PUT without conditions (action {@code set}); creates missing parent dirs. */
  public Event set(String nodePath, boolean dir, String value, TtlOptions ttl)
      throws EtcdException {
    String p = StorePath.clean(nodePath);
    lock.writeLock().lock();
    try {
      return state.set(p, dir, orEmpty(value), orPermanent(ttl));
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
    String p = StorePath.clean(nodePath);
    lock.writeLock().lock();
    try {
      return state.create(p, dir, orEmpty(value), unique, orPermanent(ttl));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * PUT prevExist=true without compare values (action {@code update}). On a directory only the TTL
   * changes, and the stored modifiedIndex stays (SPEC KEY-067, KEY-068).
   */
  public Event update(String nodePath, String newValue, TtlOptions ttl) throws EtcdException {
    String p = StorePath.clean(nodePath);
    lock.writeLock().lock();
    try {
      return state.update(p, orEmpty(newValue), orPermanent(ttl));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** prevValue "" and prevIndex 0 mean "not compared" (SPEC KEY-070, KEY-071). */
  public Event compareAndSwap(
      String nodePath, String prevValue, long prevIndex, String value, TtlOptions ttl)
      throws EtcdException {
    String p = StorePath.clean(nodePath);
    lock.writeLock().lock();
    try {
      return state.compareAndSwap(
          p, orEmpty(prevValue), prevIndex, orEmpty(value), orPermanent(ttl));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Delete (SPEC KEY-073..075); recursive implies dir. */
  public Event delete(String nodePath, boolean dir, boolean recursive) throws EtcdException {
    String p = StorePath.clean(nodePath);
    lock.writeLock().lock();
    try {
      return state.delete(p, dir, recursive);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Compare-and-delete of a file (SPEC KEY-072, KEY-008). */
  public Event compareAndDelete(String nodePath, String prevValue, long prevIndex)
      throws EtcdException {
    String p = StorePath.clean(nodePath);
    lock.writeLock().lock();
    try {
      return state.compareAndDelete(p, orEmpty(prevValue), prevIndex);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Registers a watch. sinceIndex 0 means "the next event". If the history already holds a matching
   * event, the listener is called with it before this method returns (etcd then does not register
   * the watcher, even for a stream). Otherwise the listener is called, on the writing thread, with
   * each matching event until {@link Watcher#remove()} (a one-shot watcher removes itself after its
   * first event).
   *
   * @throws EtcdException 401 when sinceIndex is older than the history
   */
  public Watcher watch(
      String key, boolean recursive, boolean stream, long sinceIndex, Consumer<Event> listener)
      throws EtcdException {
    String p = StorePath.clean(key);
    lock.readLock().lock();
    try {
      state.metrics.watchRequested(); // before the history scan: a refused watch counts too
      long current = state.currentIndex;
      long since = sinceIndex == 0 ? current + 1 : sinceIndex;
      return state.hub.watch(p, recursive, stream, since, current, listener);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Expires every node whose expiration is at or before cutoff, in expiration order: one {@code
   * expire} event and one index each (SPEC KEY-123, KEY-124).
   */
  public void deleteExpiredKeys(Instant cutoff) {
    lock.writeLock().lock();
    try {
      state.deleteExpiredKeys(Node.toNanos(cutoff));
    } catch (EtcdException impossible) {
      throw new IllegalStateException("expiry removes recursively and cannot fail", impossible);
    } finally {
      lock.writeLock().unlock();
    }
  }

  public boolean hasTtlKeys() {
    lock.readLock().lock();
    try {
      return state.tree.heap.size() != 0;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The JSON of {@code /v2/stats/store} (SPEC OTH-044), without a trailing newline. */
  public byte[] jsonStats() {
    lock.readLock().lock();
    try {
      // etcd stores the watcher count in its stats only here, and that value is what it saves.
      state.stats.watchers = state.hub.count();
      return SnapshotFormat.statsJson(state.stats);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The store's Prometheus counters since start (SPEC OTH-052). */
  public StoreMetrics.Counts metrics() {
    return state.metrics.counts();
  }

  /** How many watchers wait now (the {@code etcd_debugging_store_watchers} gauge). */
  public int watchers() {
    return state.hub.count();
  }

  /** The whole store as etcd's snapshot JSON (SPEC PER-045..047). */
  public byte[] save() {
    return snapshotView().toByteArray();
  }

  /**
   * A consistent picture of the whole store, taken in O(1) under the write lock; serialize it with
   * {@link StoreSnapshot#writeTo} on any thread while writes go on. Each node is copied at most
   * once afterwards, on its first write.
   */
  public StoreSnapshot snapshotView() {
    lock.writeLock().lock();
    try {
      return new StoreSnapshot(
          state.tree.freeze(),
          state.hub.history.copy(),
          state.currentIndex,
          state.stats.values(),
          state.version);
    } finally {
      lock.writeLock().unlock();
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
    recover(DecodedSnapshot.decode(json));
  }

  /**
   * As {@link #recover(byte[])}, reading the JSON from a stream (closed at the end): a snapshot
   * file's data of hundreds of megabytes never has to be in memory at once. The state is replaced
   * only after the whole stream has been decoded.
   */
  public void recover(InputStream json) {
    recover(DecodedSnapshot.decode(json));
  }

  /** As {@link #recover(byte[])}, with a state decoded beforehand (on any thread). */
  public void recover(DecodedSnapshot decoded) {
    SnapshotFormat.Recovered r = decoded.state;
    lock.writeLock().lock();
    try {
      state.tree = decoded.tree;
      state.hub.history = r.history();
      state.currentIndex = r.currentIndex();
      state.stats = r.stats();
      state.version = r.version();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A missing value is etcd's empty string (SPEC KEY-037). */
  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static TtlOptions orPermanent(TtlOptions ttl) {
    return ttl == null ? TtlOptions.PERMANENT : ttl;
  }
}
