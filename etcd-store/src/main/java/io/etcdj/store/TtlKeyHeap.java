package io.etcdj.store;

import java.util.Arrays;

/**
 * Min-heap of the nodes that have a TTL, ordered by expiration, so that expiry (SPEC KEY-123)
 * visits nodes in expiration order. Each node remembers its slot, so update and remove are
 * O(log n) without a side map.
 *
 * <p>Thread-safety: not thread-safe; owned by the {@link Store} under its write lock.
 */
final class TtlKeyHeap {
  private Node[] array = new Node[16];
  private int size;

  int size() {
    return size;
  }

  Node top() {
    return size == 0 ? null : array[0];
  }

  void push(Node n) {
    if (size == array.length) {
      array = Arrays.copyOf(array, size * 2);
    }
    array[size] = n;
    n.heapIndex = size;
    size++;
    up(n.heapIndex);
  }

  Node pop() {
    Node top = array[0];
    removeAt(0);
    return top;
  }

  /** Re-positions a node whose expiration changed; a node not in the heap is ignored. */
  void update(Node n) {
    if (contains(n)) {
      removeAt(n.heapIndex);
      push(n);
    }
  }

  void remove(Node n) {
    if (contains(n)) {
      removeAt(n.heapIndex);
    }
  }

  private boolean contains(Node n) {
    int i = n.heapIndex;
    return i >= 0 && i < size && array[i] == n;
  }

  private void removeAt(int i) {
    Node gone = array[i];
    gone.heapIndex = -1;
    size--;
    if (i != size) {
      Node last = array[size];
      array[i] = last;
      last.heapIndex = i;
      array[size] = null;
      if (!down(i)) {
        up(i);
      }
    } else {
      array[size] = null;
    }
  }

  private void up(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (array[i].expireNanos >= array[parent].expireNanos) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  /** Sifts down; returns whether the node moved. */
  private boolean down(int start) {
    int i = start;
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        break;
      }
      int least = left;
      int right = left + 1;
      if (right < size && array[right].expireNanos < array[left].expireNanos) {
        least = right;
      }
      if (array[least].expireNanos >= array[i].expireNanos) {
        break;
      }
      swap(i, least);
      i = least;
    }
    return i > start;
  }

  private void swap(int i, int j) {
    Node a = array[i];
    Node b = array[j];
    array[i] = b;
    array[j] = a;
    b.heapIndex = i;
    a.heapIndex = j;
  }
}
