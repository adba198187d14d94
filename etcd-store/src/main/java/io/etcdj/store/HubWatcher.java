package io.etcdj.store;

import java.util.function.Consumer;

/**
 * A watcher registered in the {@link WatcherHub} (etcd's watcher). Its listener is called on the
 * writing thread with every event it accepts; a one-shot watcher is unregistered after the first.
 *
 * <p>Thread-safety: all mutable state is guarded by the hub's monitor; {@link #remove()} may be
 * called from any thread.
 */
final class HubWatcher implements Watcher {
  final String key;
  final boolean recursive;
  final boolean stream;
  final long sinceIndex;
  private final long startIndex;
  private final Consumer<Event> listener;
  private final WatcherHub hub;

  /** Guarded by the hub. */
  boolean removed;

  HubWatcher(
      WatcherHub hub,
      String key,
      boolean recursive,
      boolean stream,
      long sinceIndex,
      long startIndex,
      Consumer<Event> listener) {
    this.hub = hub;
    this.key = key;
    this.recursive = recursive;
    this.stream = stream;
    this.sinceIndex = sinceIndex;
    this.startIndex = startIndex;
    this.listener = listener;
  }

  @Override
  public long startIndex() {
    return startIndex;
  }

  @Override
  public void remove() {
    if (hub != null) {
      hub.remove(this);
    }
  }

  /**
   * Offers an event (SPEC KEY-166): accepted when the watcher is recursive, watches exactly this
   * key, or its key is being deleted, and the event is not older than its waitIndex.
   */
  boolean offer(Event e, boolean originalPath, boolean deleted) {
    if ((recursive || originalPath || deleted) && EventHistory.index(e) >= sinceIndex) {
      deliver(e);
      return true;
    }
    return false;
  }

  void deliver(Event e) {
    listener.accept(e);
  }
}
