package io.etcdj.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One key or directory of the tree (etcd's v2store node). Kept compact: the path is not stored
 * (it is the parent's path plus the name), files have no children table, times are primitive.
 *
 * <p>Thread-safety: not thread-safe; owned by the {@link Store}, mutated only under its write
 * lock.
 */
final class Node {
  /** Marks a node without TTL (Go's zero time). */
  static final long PERMANENT = Long.MIN_VALUE;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  Node parent;
  final String name;
  long createdIndex;
  long modifiedIndex;
  long expireNanos;
  /** The value of a file; {@code ""} for a directory. */
  String value;
  /** Non-null exactly for directories. */
  ChildTable children;
  /** Position in the {@link TtlKeyHeap}, or -1. */
  int heapIndex = -1;

  private Node(Node parent, String name, long index, long expireNanos, String value, boolean dir) {
    this.parent = parent;
    this.name = name;
    this.createdIndex = index;
    this.modifiedIndex = index;
    this.expireNanos = expireNanos;
    this.value = value;
    this.children = dir ? new ChildTable() : null;
  }

  static Node newFile(Node parent, String name, String value, long index, long expireNanos) {
    return new Node(parent, name, index, expireNanos, value, false);
  }

  static Node newDir(Node parent, String name, long index, long expireNanos) {
    return new Node(parent, name, index, expireNanos, "", true);
  }

  boolean isDir() {
    return children != null;
  }

  boolean isPermanent() {
    return expireNanos == PERMANENT;
  }

  /** Hidden nodes (name starting with '_') are left out of listings (SPEC KEY-140). */
  boolean isHidden() {
    return !name.isEmpty() && name.charAt(0) == '_';
  }

  /** The full store path, rebuilt from the parent chain. */
  String path() {
    if (parent == null) {
      return "/";
    }
    String parentPath = parent.path();
    return StorePath.join(parentPath, name);
  }

  /** The expiration as an Instant, or null for a permanent node. */
  Instant expiration() {
    return isPermanent() ? null : toInstant(expireNanos);
  }

  /** Seconds left, rounded up (SPEC KEY-121); 0 for permanent nodes. */
  long ttl(long nowNanos) {
    if (isPermanent()) {
      return 0;
    }
    long left = expireNanos - nowNanos;
    long ttl = left / NANOS_PER_SECOND;
    if (left % NANOS_PER_SECOND > 0) {
      ttl++;
    }
    return ttl;
  }

  /**
   * The client view of this node at {@code path}. A directory lists its non-hidden children,
   * recursively only when asked; this is etcd's Repr.
   */
  NodeExtern repr(String path, boolean recursive, boolean sorted, long nowNanos) {
    if (!isDir()) {
      return new NodeExtern(
          path, value, false, expiration(), ttl(nowNanos), null, modifiedIndex, createdIndex);
    }
    List<NodeExtern> nodes = recursive ? list(path, true, sorted, nowNanos) : null;
    return new NodeExtern(
        path, null, true, expiration(), ttl(nowNanos), nodes, modifiedIndex, createdIndex);
  }

  /**
   * The view a GET returns: directories always list their children, and the children are
   * expanded only when recursive (etcd's loadInternalNode).
   */
  NodeExtern load(String path, boolean recursive, boolean sorted, long nowNanos) {
    if (!isDir()) {
      return repr(path, false, false, nowNanos);
    }
    return new NodeExtern(
        path,
        null,
        true,
        expiration(),
        ttl(nowNanos),
        list(path, recursive, sorted, nowNanos),
        modifiedIndex,
        createdIndex);
  }

  private List<NodeExtern> list(String path, boolean recursive, boolean sorted, long nowNanos) {
    Node[] kids = children.toArray();
    List<NodeExtern> out = new ArrayList<>(kids.length);
    for (Node child : kids) {
      if (!child.isHidden()) {
        out.add(child.repr(StorePath.join(path, child.name), recursive, sorted, nowNanos));
      }
    }
    if (sorted) {
      out.sort((a, b) -> StorePath.compareGo(a.key(), b.key()));
    }
    return out;
  }

  static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  /** Epoch nanoseconds of an instant, saturated to the long range. */
  static long toNanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS_PER_SECOND), t.getNano());
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return path();
  }
}
