package io.etcdj.store;

import java.util.Arrays;

/**
 * Min-heap of the nodes that have a TTL, ordered by expiration, so that expiry (SPEC KEY-123)
 * visits nodes in expiration order. It holds each node's path next to it (nodes do not know their
 * path), and each node remembers its slot, so update and remove are O(log n).
 *
 * <p>Thread-safety: not thread-safe; owned by the {@link Store} under its write lock.
 */
final class TtlKeyHeap {
  private Node[] nodes = new Node[16];
  private String[] paths = new String[16];
  private int size;

  int size() {
    return size;
  }

  Node top() {
    return size == 0 ? null : nodes[0];
  }

  /** The path of {@link #top()}. */
  String topPath() {
    return size == 0 ? null : paths[0];
  }

  void push(Node n, String path) {
    if (size == nodes.length) {
      nodes = Arrays.copyOf(nodes, size * 2);
      paths = Arrays.copyOf(paths, size * 2);
    }
    nodes[size] = n;
    paths[size] = path;
    n.heapIndex = size;
    size++;
    up(n.heapIndex);
  }

  Node pop() {
    Node top = nodes[0];
    removeAt(0);
    return top;
  }

  /**
   * Re-positions a node whose expiration changed, by removing and pushing it again as etcd does (so
   * ties expire in the same order); a node not in the heap is ignored.
   */
  void update(Node n) {
    if (contains(n)) {
      String path = paths[n.heapIndex];
      removeAt(n.heapIndex);
      push(n, path);
    }
  }

  void remove(Node n) {
    if (contains(n)) {
      removeAt(n.heapIndex);
    }
  }

  /** Puts a node's copy in the node's place (copy-on-write, see {@link NodeTree}). */
  void replace(Node old, Node copy) {
    if (contains(old)) {
      int i = old.heapIndex;
      nodes[i] = copy;
      copy.heapIndex = i;
      old.heapIndex = -1;
    }
  }

  private boolean contains(Node n) {
    int i = n.heapIndex;
    return i >= 0 && i < size && nodes[i] == n;
  }

  private void removeAt(int i) {
    nodes[i].heapIndex = -1;
    size--;
    if (i != size) {
      move(size, i);
      nodes[size] = null;
      paths[size] = null;
      if (!down(i)) {
        up(i);
      }
    } else {
      nodes[size] = null;
      paths[size] = null;
    }
  }

  private void up(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (nodes[i].expireNanos >= nodes[parent].expireNanos) {
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
      if (right < size && nodes[right].expireNanos < nodes[left].expireNanos) {
        least = right;
      }
      if (nodes[least].expireNanos >= nodes[i].expireNanos) {
        break;
      }
      swap(i, least);
      i = least;
    }
    return i > start;
  }

  private void move(int from, int to) {
    nodes[to] = nodes[from];
    paths[to] = paths[from];
    nodes[to].heapIndex = to;
  }

  private void swap(int i, int j) {
    Node a = nodes[i];
    String pa = paths[i];
    nodes[i] = nodes[j];
    paths[i] = paths[j];
    nodes[j] = a;
    paths[j] = pa;
    nodes[i].heapIndex = i;
    nodes[j].heapIndex = j;
  }
}
