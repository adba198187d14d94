package io.etcdj.store;

import java.util.function.Consumer;

/**
 * The node tree and its TTL heap: path walks, implicit parent creation, removal and TTL updates
 * with etcd's error causes (SPEC ERR-005).
 *
 * <p>Copy-on-write snapshots: {@link #freeze()} ends the current epoch and returns the root, which
 * from then on is an immutable picture of the whole tree (a snapshot is a root pointer). Every
 * mutation goes through a writable walk ({@link #writable}, {@link #ensureDir}) that copies each
 * node of an older epoch on the path, from the root down, and links the copy in its writable
 * parent. A node is thus copied at most once per snapshot, and only if it is written to.
 *
 * <p>Thread-safety: not thread-safe; owned by the {@link Store}, mutated under its write lock.
 * Roots returned by {@link #freeze()} may be read from any thread.
 */
final class NodeTree {
  private Node root;
  final TtlKeyHeap heap = new TtlKeyHeap();
  private int epoch;

  NodeTree(Node root) {
    this.root = root;
    this.epoch = root.epoch;
  }

  Node root() {
    return root;
  }

  int epoch() {
    return epoch;
  }

  /** Freezes every existing node and returns the root of that immutable picture. */
  Node freeze() {
    epoch++;
    return root;
  }

  /**
   * The node at a clean path, for reading. Errors: 104 with the path of a file met on the way, 100
   * with the path of the first missing component.
   */
  Node get(String cleanPath, long currentIndex) throws EtcdException {
    return walk(cleanPath, currentIndex, true);
  }

  /**
   * Like {@link #get} but returns null instead of failing with 100, so a set of a new key (the
   * common write) costs no exception.
   */
  Node find(String cleanPath, long currentIndex) throws EtcdException {
    return walk(cleanPath, currentIndex, false);
  }

  private Node walk(String cleanPath, long currentIndex, boolean missingIsError)
      throws EtcdException {
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
      Node child = curr.children.get(cleanPath.substring(start, end));
      if (child == null) {
        if (!missingIsError) {
          return null;
        }
        throw new EtcdException(EtcdError.KEY_NOT_FOUND, cleanPath.substring(0, end), currentIndex);
      }
      curr = child;
      start = end + 1;
    }
    return curr;
  }

  /** The node at a clean path that exists (checked with {@link #get}), made writable. */
  Node writable(String cleanPath) {
    Node curr = writableRoot();
    int n = cleanPath.length();
    int start = 1;
    while (start < n) {
      int end = cleanPath.indexOf('/', start);
      if (end < 0) {
        end = n;
      }
      curr = own(curr, curr.children.get(cleanPath.substring(start, end)));
      start = end + 1;
    }
    return curr;
  }

  /**
   * Walks to the directory at a clean path, writable, creating missing directories with index
   * newIndex (SPEC KEY-060, KEY-077). Error 104 with the path of a file met on the way.
   */
  Node ensureDir(String cleanPath, long newIndex, long currentIndex) throws EtcdException {
    Node curr = writableRoot();
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
        child = Node.newDir(name, newIndex, Node.PERMANENT, epoch);
        curr.children.put(child);
      } else if (!child.isDir()) {
        throw new EtcdException(EtcdError.NOT_DIR, cleanPath.substring(0, end), currentIndex);
      } else {
        child = own(curr, child);
      }
      curr = child;
      start = end + 1;
    }
    return curr;
  }

  private Node writableRoot() {
    if (root.epoch != epoch) {
      root = root.copy(epoch);
    }
    return root;
  }

  /** The writable version of a child of a writable directory. */
  private Node own(Node dir, Node child) {
    if (child.epoch == epoch) {
      return child;
    }
    Node copy = child.copy(epoch);
    dir.children.put(copy);
    heap.replace(child, copy);
    return copy;
  }

  /** Makes a new node of this epoch; links it with {@link #add}. */
  Node newNode(boolean dir, String name, String value, long index, long expireNanos) {
    return dir
        ? Node.newDir(name, index, expireNanos, epoch)
        : Node.newFile(name, value, index, expireNanos, epoch);
  }

  /** Adds a new child at path to a writable directory, and to the TTL heap when it expires. */
  void add(Node dir, Node child, String path) {
    dir.children.put(child);
    if (!child.isPermanent()) {
      heap.push(child, path);
    }
  }

  /**
   * Removes the child n at path from its writable parent dir (etcd's node.Remove). A directory
   * needs {@code dirFlag}, and {@code recursive} when it has children; the callback receives the
   * path of every removed node, children first (SPEC KEY-167). The removed subtree itself is left
   * untouched, since a snapshot may still be reading it.
   */
  void remove(
      Node dir,
      Node n,
      String path,
      boolean dirFlag,
      boolean recursive,
      Consumer<String> onRemoved,
      long currentIndex)
      throws EtcdException {
    if (n.isDir()) {
      if (!dirFlag) {
        throw new EtcdException(EtcdError.NOT_FILE, path, currentIndex);
      }
      if (n.children.size() != 0 && !recursive) {
        throw new EtcdException(EtcdError.DIR_NOT_EMPTY, path, currentIndex);
      }
      for (Node child : n.children.toArray()) {
        drop(child, StorePath.join(path, child.name), onRemoved);
      }
    }
    dir.children.remove(n);
    if (onRemoved != null) {
      onRemoved.accept(path);
    }
    heap.remove(n);
  }

  /** Reports and unschedules a node of a removed subtree, children first. */
  private void drop(Node n, String path, Consumer<String> onRemoved) {
    if (n.isDir()) {
      for (Node child : n.children.toArray()) {
        drop(child, StorePath.join(path, child.name), onRemoved);
      }
    }
    if (onRemoved != null) {
      onRemoved.accept(path);
    }
    heap.remove(n);
  }

  /** Replaces a writable node's expiration (etcd's UpdateTTL); PERMANENT removes the TTL. */
  void updateTtl(Node n, String path, long expireNanos) {
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
    heap.push(n, path);
  }

  /** Rebuilds the heap from the TTLs of every node (after recovery, SPEC PER-048). */
  void rebuildHeap(Node n, String path) {
    if (n.isDir()) {
      for (Node child : n.children.toArray()) {
        // Most keys are permanent files: skip them without building their path.
        if (child.isDir() || !child.isPermanent()) {
          rebuildHeap(child, StorePath.join(path, child.name));
        }
      }
    }
    if (!n.isPermanent()) {
      heap.push(n, path);
    }
  }
}
