package io.etcdj.store;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The v2 store (etcd's v2store.Store). Every write returns the {@link Event} it produced and
 * advances {@link #index()} by one; a failed write throws {@link EtcdException} and changes
 * nothing but the failure counters.
 *
 * <p>Thread-safety: safe for concurrent use. Writes are expected from a single apply thread;
 * reads and watch registration may come from any thread. Watch listeners are called on the
 * writing thread, so they must only hand the event off (never block).
 *
 * <p>SEAM: this file fixes the API that etcd-server codes against. The bodies are filled in by
 * the etcd-store work; signatures change only together with their callers.
 */
public final class Store {

  /**
   * A new store with the given top-level directories (etcd creates {@code /0} and {@code /1}),
   * at index 0. The clock is only used to compute {@code ttl} fields of returned nodes.
   */
  public Store(Clock clock, String... namespaces) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The current etcd index: the index of the last successful write. */
  public long index() {
    throw new UnsupportedOperationException("not yet");
  }

  /** GET (action {@code get}). */
  public Event get(String nodePath, boolean recursive, boolean sorted) throws EtcdException {
    throw new UnsupportedOperationException("not yet");
  }

  /** PUT without conditions (action {@code set}); creates missing parent dirs. */
  public Event set(String nodePath, boolean dir, String value, TtlOptions ttl)
      throws EtcdException {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Create (action {@code create}); with {@code unique} the key is a new child of nodePath named
   * after the new index, zero-padded to 20 digits (in-order keys, POST).
   */
  public Event create(String nodePath, boolean dir, String value, boolean unique, TtlOptions ttl)
      throws EtcdException {
    throw new UnsupportedOperationException("not yet");
  }

  /** PUT prevExist=true without compare values (action {@code update}). */
  public Event update(String nodePath, String newValue, TtlOptions ttl) throws EtcdException {
    throw new UnsupportedOperationException("not yet");
  }

  /** prevValue "" and prevIndex 0 mean "not compared". */
  public Event compareAndSwap(
      String nodePath, String prevValue, long prevIndex, String value, TtlOptions ttl)
      throws EtcdException {
    throw new UnsupportedOperationException("not yet");
  }

  public Event delete(String nodePath, boolean dir, boolean recursive) throws EtcdException {
    throw new UnsupportedOperationException("not yet");
  }

  public Event compareAndDelete(String nodePath, String prevValue, long prevIndex)
      throws EtcdException {
    throw new UnsupportedOperationException("not yet");
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
    throw new UnsupportedOperationException("not yet");
  }

  /** Expires every node whose expiration is at or before cutoff, in expiration order. */
  public void deleteExpiredKeys(Instant cutoff) {
    throw new UnsupportedOperationException("not yet");
  }

  public boolean hasTtlKeys() {
    throw new UnsupportedOperationException("not yet");
  }

  /** The JSON of {@code /v2/stats/store} (SPEC OTH-044), without a trailing newline. */
  public byte[] jsonStats() {
    throw new UnsupportedOperationException("not yet");
  }

  /** The whole store as etcd's snapshot JSON (SPEC PER-045..047). */
  public byte[] save() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Replaces the whole state with the one saved by {@link #save()}. */
  public void recover(byte[] json) {
    throw new UnsupportedOperationException("not yet");
  }
}
