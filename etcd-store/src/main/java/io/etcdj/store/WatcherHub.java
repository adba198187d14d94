package io.etcdj.store;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Watchers by watched path, and the event history (etcd's watcherHub, SPEC KEY-160..175).
 *
 * <p>Thread-safety: the watcher map and count are guarded by this object's monitor, so registration
 * (store read lock) and removal (any thread) can race with notification (writing thread). Listeners
 * run while the monitor is held: they must only hand the event off. The history is owned by the
 * {@link Store} lock.
 */
final class WatcherHub {
  private final Map<String, LinkedHashSet<HubWatcher>> watchers = new HashMap<>();
  private int count;
  EventHistory history;

  WatcherHub(EventHistory history) {
    this.history = history;
  }

  synchronized int count() {
    return count;
  }

  /**
   * Serves the watch from the history when a stored event matches (the watcher is then not
   * registered, SPEC KEY-164), else registers it (SPEC KEY-175).
   */
  Watcher watch(
      String key,
      boolean recursive,
      boolean stream,
      long sinceIndex,
      long storeIndex,
      Consumer<Event> listener)
      throws EtcdException {
    Event hit = history.scan(key, recursive, sinceIndex, storeIndex);
    if (hit != null) {
      HubWatcher once =
          new HubWatcher(null, key, recursive, stream, sinceIndex, storeIndex, listener);
      once.deliver(new Event(hit.action(), hit.node(), hit.prevNode(), storeIndex, false));
      return once;
    }
    HubWatcher w = new HubWatcher(this, key, recursive, stream, sinceIndex, storeIndex, listener);
    synchronized (this) {
      watchers.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(w);
      count++;
    }
    return w;
  }

  synchronized void remove(HubWatcher w) {
    if (w.removed) {
      return;
    }
    w.removed = true;
    LinkedHashSet<HubWatcher> list = watchers.get(w.key);
    if (list != null && list.remove(w)) {
      count--;
      if (list.isEmpty()) {
        watchers.remove(w.key);
      }
    }
  }

  /** Records a refresh event: kept in the history, never sent to watchers (SPEC KEY-127). */
  void add(Event e) {
    history.add(e);
  }

  /** Records an event and offers it to the watchers of its key and of every ancestor. */
  void notify(Event e) {
    history.add(e);
    synchronized (this) {
      if (watchers.isEmpty()) {
        return;
      }
    }
    String key = e.node().key();
    notifyWatchers(e, "/", false);
    for (int i = key.indexOf('/', 1); i > 0; i = key.indexOf('/', i + 1)) {
      notifyWatchers(e, key.substring(0, i), false);
    }
    if (key.length() > 1) {
      notifyWatchers(e, key, false);
    }
  }

  /** Offers an event to the watchers registered exactly at nodePath. */
  synchronized void notifyWatchers(Event e, String nodePath, boolean deleted) {
    LinkedHashSet<HubWatcher> list = watchers.get(nodePath);
    if (list == null) {
      return;
    }
    String key = e.node().key();
    boolean originalPath = key.equals(nodePath);
    if (!originalPath && StorePath.isHiddenBelow(nodePath, key)) {
      return;
    }
    for (HubWatcher w : list.toArray(new HubWatcher[0])) {
      if (w.removed) {
        continue;
      }
      boolean accepted;
      try {
        accepted = w.offer(e, originalPath, deleted);
      } catch (RuntimeException ex) {
        // A failing listener must not break the write; drop its watcher.
        remove(w);
        continue;
      }
      if (accepted && !w.stream) {
        remove(w);
      }
    }
  }
}
