package io.etcdj.store;

/**
 * The last {@code capacity} events of the whole store (SPEC KEY-162), as a ring buffer whose fields
 * mirror etcd's snapshot JSON (SPEC PER-047): Events, Size, Front, Back, Capacity, StartIndex,
 * LastIndex.
 *
 * <p>Thread-safety: not thread-safe; written under the {@link Store} write lock and scanned under
 * its read lock.
 */
final class EventHistory {
  static final int DEFAULT_CAPACITY = 1000;

  final Event[] events;
  int size;
  int front;
  int back;
  long startIndex;
  long lastIndex;

  EventHistory(int capacity) {
    this.events = new Event[capacity];
  }

  /** An independent copy (the events themselves are immutable and shared). */
  EventHistory copy() {
    EventHistory h = new EventHistory(events.length);
    System.arraycopy(events, 0, h.events, 0, events.length);
    h.size = size;
    h.front = front;
    h.back = back;
    h.startIndex = startIndex;
    h.lastIndex = lastIndex;
    return h;
  }

  int capacity() {
    return events.length;
  }

  void add(Event e) {
    events[back] = e;
    back = (back + 1) % events.length;
    if (size == events.length) {
      front = (front + 1) % events.length;
    } else {
      size++;
    }
    lastIndex = index(e);
    startIndex = index(events[front]);
  }

  /**
   * The first event at or after {@code index} that a watch on key would receive (SPEC KEY-164,
   * KEY-165), or null when none is stored yet.
   *
   * @throws EtcdException 401 when index is older than the history (SPEC KEY-163)
   */
  Event scan(String key, boolean recursive, long index, long storeIndex) throws EtcdException {
    if (index < startIndex) {
      throw new EtcdException(
          EtcdError.EVENT_INDEX_CLEARED,
          "the requested history has been cleared [" + startIndex + "/" + index + "]",
          storeIndex);
    }
    if (index > lastIndex) {
      return null;
    }
    String prefix = key.endsWith("/") ? key : key + "/";
    int i = (int) ((front + (index - startIndex)) % events.length);
    while (true) {
      Event e = events[i];
      if (!e.refresh() && matches(e, key, recursive, prefix)) {
        return e;
      }
      i = (i + 1) % events.length;
      if (i == back) {
        return null;
      }
    }
  }

  private static boolean matches(Event e, String key, boolean recursive, String prefix) {
    String eventKey = e.node().key();
    if (eventKey.equals(key) || (recursive && eventKey.startsWith(prefix))) {
      return true;
    }
    // Q: a deleted or expired directory matches by raw string prefix (SPEC KEY-165).
    NodeExtern prev = e.prevNode();
    return (e.action().equals(StoreState.DELETE) || e.action().equals(StoreState.EXPIRE))
        && prev != null
        && prev.dir()
        && key.startsWith(prev.key());
  }

  static long index(Event e) {
    return e.node().modifiedIndex();
  }
}
