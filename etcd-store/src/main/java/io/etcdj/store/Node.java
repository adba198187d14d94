package io.etcdj.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One key or directory of the tree (etcd's v2store node). Kept compact: neither the path nor the
 * parent is stored (walks start at the root and carry the path), files have no children table,
 * times are primitive.
 *
 * <p>Copy-on-write: a node belongs to the {@link NodeTree} epoch it was made in. Once a snapshot
 * has frozen that epoch, its content ({@code value}, indexes, expiration, children) never changes
 * again, so a snapshot can read it from another thread without locks; a writer makes a copy first
 * (see {@link NodeTree}). Only {@code heapIndex}, which no snapshot reads, stays mutable.
 *
 * <p>Thread-safety: not thread-safe; owned by the {@link Store}, mutated only under its write lock;
 * frozen nodes are immutable.
 */
final class Node {
  /** Marks a node without TTL (Go's zero time). */
  static final long PERMANENT = Long.MIN_VALUE;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

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

  /** The tree epoch this node was made in; older epochs may be frozen by a snapshot. */
  final int epoch;

  private Node(
      String name, long index, long expireNanos, String value, ChildTable children, int epoch) {
    this.name = name;
    this.createdIndex = index;
    this.modifiedIndex = index;
    this.expireNanos = expireNanos;
    this.value = value;
    this.children = children;
    this.epoch = epoch;
  }

  static Node newFile(String name, String value, long index, long expireNanos, int epoch) {
    return new Node(name, index, expireNanos, value, null, epoch);
  }

  static Node newDir(String name, long index, long expireNanos, int epoch) {
    return new Node(name, index, expireNanos, "", new ChildTable(), epoch);
  }

  /** A writable copy for a newer epoch; a directory gets its own copy of the children table. */
  Node copy(int newEpoch) {
    Node n =
        new Node(
            name, createdIndex, expireNanos, value, isDir() ? children.copy() : null, newEpoch);
    n.modifiedIndex = modifiedIndex;
    return n;
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
   * The view a GET returns: directories always list their children, and the children are expanded
   * only when recursive (etcd's loadInternalNode).
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
    return name.isEmpty() ? "/" : name;
  }
}
