package io.etcdj.store;

/** A registered watch. Thread-safety: {@link #remove()} may be called from any thread. */
public interface Watcher {
  /** The store index when the watch was registered (the X-Etcd-Index of a watch response). */
  long startIndex();

  /** Unregisters the watch (the client went away); idempotent. */
  void remove();
}
