package io.etcdj.store;

import java.util.Arrays;

/**
 * The children of a directory: an open-addressing hash table of nodes keyed by their name. The node
 * is its own entry, so a child costs one array slot instead of a map entry object. Each slot's name
 * hash sits in a parallel array: a probe past another child compares two ints in one cache line
 * instead of reaching into that child's node and name (a new key under a directory of 100,000
 * misses every probe of its chain).
 *
 * <p>Thread-safety: not thread-safe; owned by the {@link Store} under its lock.
 */
final class ChildTable {
  private static final Node[] EMPTY = new Node[0];
  private static final int[] NO_HASHES = new int[0];

  private Node[] slots = EMPTY;
  private int[] hashes = NO_HASHES; // hashes[i] is slots[i].name.hashCode() where slots[i] is set
  private int size;

  int size() {
    return size;
  }

  Node get(String name) {
    if (size == 0) {
      return null;
    }
    int mask = slots.length - 1;
    int h = name.hashCode();
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      Node n = slots[i];
      if (n == null) {
        return null;
      }
      if (hashes[i] == h && n.name.equals(name)) {
        return n;
      }
    }
  }

  /** Adds the child, replacing any child of the same name. */
  void put(Node child) {
    if ((size + 1) * 4 > slots.length * 3) {
      resize(slots.length == 0 ? 2 : slots.length * 2);
    }
    int mask = slots.length - 1;
    int h = child.name.hashCode();
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      Node n = slots[i];
      if (n == null) {
        slots[i] = child;
        hashes[i] = h;
        size++;
        return;
      }
      if (hashes[i] == h && n.name.equals(child.name)) {
        slots[i] = child;
        return;
      }
    }
  }

  /** Removes the child of that name if it is exactly {@code child}. */
  void remove(Node child) {
    if (size == 0) {
      return;
    }
    int mask = slots.length - 1;
    int i = spread(child.name.hashCode()) & mask;
    while (true) {
      Node n = slots[i];
      if (n == null) {
        return;
      }
      if (n == child) {
        break;
      }
      i = (i + 1) & mask;
    }
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
      int home = spread(hashes[j]) & mask;
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        slots[hole] = slots[j];
        hashes[hole] = hashes[j];
        hole = j;
      }
    }
    slots[hole] = null;
    size--;
    if (size == 0) {
      slots = EMPTY;
      hashes = NO_HASHES;
    }
  }

  /** Grows the table once so that {@code expected} children fit without further resizing. */
  void ensureCapacity(int expected) {
    int capacity = Math.max(slots.length, 2);
    while (expected * 4L > capacity * 3L) {
      capacity *= 2;
    }
    if (capacity != slots.length) {
      resize(capacity);
    }
  }

  /** An independent table with the same children (copy-on-write of a directory). */
  ChildTable copy() {
    ChildTable t = new ChildTable();
    t.slots = size == 0 ? EMPTY : slots.clone();
    t.hashes = size == 0 ? NO_HASHES : hashes.clone();
    t.size = size;
    return t;
  }

  /** A copy of the children, in table order (etcd lists children in map order). */
  Node[] toArray() {
    Node[] out = new Node[size];
    int k = 0;
    for (Node n : slots) {
      if (n != null) {
        out[k++] = n;
      }
    }
    return out;
  }

  private void resize(int capacity) {
    Node[] old = slots;
    int[] oldHashes = hashes;
    slots = new Node[capacity];
    hashes = new int[capacity];
    size = 0;
    int mask = capacity - 1;
    for (int k = 0; k < old.length; k++) {
      if (old[k] != null) {
        int i = spread(oldHashes[k]) & mask;
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = old[k];
        hashes[i] = oldHashes[k];
        size++;
      }
    }
  }

  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  @Override
  public String toString() {
    return Arrays.toString(toArray());
  }
}
