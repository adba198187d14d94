package io.etcdj.store;

import java.util.function.Consumer;

/**
 * The node tree and its TTL heap: path walks, implicit parent creation, removal and TTL updates
 * with etcd's error causes (SPEC ERR-005).
 *
 * <p>Thread-safety: not thread-safe; owned by the {@link Store}, mutated under its write lock.
 */
final class NodeTree {
  final Node root;
  final TtlKeyHeap heap = new TtlKeyHeap();

  NodeTree(Node root) {
    this.root = root;
  }

  /**
   * The node at a clean path. Errors: 104 with the path of a file met on the way, 100 with the
   * path of the first missing component.
   */
  Node get(String cleanPath, long currentIndex) throws EtcdException {
    Node curr = root;
    int n = cleanPath.length();
    int start = 1;
    while (start < n) {
      int end = cleanPath.indexOf('/', start);
      if (end < 0) {
        end = n;
      }
      if (!curr.isDir()) {
        throw new EtcdException(EtcdError.NOT_DIR, cleanPath.substring(0, start - 1), currentIndex);
      }
      String name = cleanPath.substring(start, end);
      Node child = curr.children.get(name);
      if (child == null) {
        throw new EtcdException(EtcdError.KEY_NOT_FOUND, cleanPath.substring(0, end), currentIndex);
      }
      curr = child;
      start = end + 1;
    }
    return curr;
  }

  /**
   * Walks to the directory at a clean path, creating missing directories with index newIndex
   * (SPEC KEY-060, KEY-077). Error 104 with the path of a file met on the way.
   */
  Node ensureDir(String cleanPath, long newIndex, long currentIndex) throws EtcdException {
    Node curr = root;
    int n = cleanPath.length();
    int start = 1;
    while (start < n) {
      int end = cleanPath.indexOf('/', start);
      if (end < 0) {
        end = n;
      }
      String name = cleanPath.substring(start, end);
      Node child = curr.children.get(name);
      if (child == null) {
        child = Node.newDir(curr, name, newIndex, Node.PERMANENT);
        curr.children.put(child);
      } else if (!child.isDir()) {
        throw new EtcdException(EtcdError.NOT_DIR, cleanPath.substring(0, end), currentIndex);
      }
      curr = child;
      start = end + 1;
    }
    return curr;
  }

  /** Adds a new child to a directory and to the TTL heap when it expires. */
  void add(Node dir, Node child) {
    dir.children.put(child);
    if (!child.isPermanent()) {
      heap.push(child);
    }
  }

  /**
   * Removes a node (etcd's node.Remove). A directory needs {@code dir}, and {@code recursive}
   * when it has children; the callback receives the path of every removed node, children first
   * (SPEC KEY-167).
   */
  void remove(Node n, String path, boolean dir, boolean recursive, Consumer<String> onRemoved, long currentIndex)
      throws EtcdException {
    if (!n.isDir()) {
      detach(n);
      if (onRemoved != null) {
        onRemoved.accept(path);
      }
      heap.remove(n);
      return;
    }
    if (!dir) {
      throw new EtcdException(EtcdError.NOT_FILE, path, currentIndex);
    }
    if (n.children.size() != 0 && !recursive) {
      throw new EtcdException(EtcdError.DIR_NOT_EMPTY, path, currentIndex);
    }
    removeTree(n, path, onRemoved);
  }

  private void removeTree(Node n, String path, Consumer<String> onRemoved) {
    if (n.isDir()) {
      for (Node child : n.children.toArray()) {
        removeTree(child, StorePath.join(path, child.name), onRemoved);
      }
    } else {
      // A file is always reported and unlinked from the heap, attached or not.
      detach(n);
      if (onRemoved != null) {
        onRemoved.accept(path);
      }
      heap.remove(n);
      return;
    }
    if (detach(n)) {
      if (onRemoved != null) {
        onRemoved.accept(path);
      }
      heap.remove(n);
    }
  }

  /** Unlinks a node from its parent; false when it was not linked there. */
  private static boolean detach(Node n) {
    Node p = n.parent;
    if (p != null && p.children.get(n.name) == n) {
      p.children.remove(n);
      return true;
    }
    return false;
  }

  /** Replaces a node's expiration (etcd's UpdateTTL); PERMANENT removes the TTL. */
  void updateTtl(Node n, long expireNanos) {
    if (!n.isPermanent()) {
      n.expireNanos = expireNanos;
      if (expireNanos == Node.PERMANENT) {
        heap.remove(n);
      } else {
        heap.update(n);
      }
      return;
    }
    if (expireNanos == Node.PERMANENT) {
      return;
    }
    n.expireNanos = expireNanos;
    heap.push(n);
  }

  /** Rebuilds the heap from the TTLs of every node (after recovery, SPEC PER-048). */
  void rebuildHeap(Node n) {
    if (n.isDir()) {
      for (Node child : n.children.toArray()) {
        rebuildHeap(child);
      }
    }
    if (!n.isPermanent()) {
      heap.push(n);
    }
  }
}
