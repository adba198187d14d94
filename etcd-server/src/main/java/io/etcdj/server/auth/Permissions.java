package io.etcdj.server.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The key patterns a role may read and write (etcd's {@code {"kv":{"read":..,"write":..}}}). A list
 * is null when the JSON had {@code null} or no list, which etcd keeps apart from an empty list in
 * both its output and its "not updated" check (SPEC OTH-074, OTH-075).
 *
 * <p>Thread-safety: immutable (the lists are unmodifiable copies).
 *
 * @param read patterns for GET and HEAD, or null
 * @param write patterns for every other method, or null
 */
public record Permissions(List<String> read, List<String> write) {
  public Permissions {
    read = read == null ? null : List.copyOf(read);
    write = write == null ? null : List.copyOf(write);
  }

  /** No lists at all (a role created without permissions). */
  public static final Permissions NONE = new Permissions(null, null);

  /** etcd's {@code IsEmpty}: both lists empty or absent. */
  public boolean isEmpty() {
    return (read == null || read.isEmpty()) && (write == null || write.isEmpty());
  }

  /**
   * OTH-075: adds {@code granted}; a pattern already present is a 409. Both results are sorted,
   * non-null lists, as etcd rebuilds them from a set.
   */
  Permissions grant(Permissions granted) throws AuthException {
    return new Permissions(grant(read, granted.read, "read"), grant(write, granted.write, "write"));
  }

  /** OTH-075: removes {@code revoked}; a pattern not present is silently skipped. */
  Permissions revoke(Permissions revoked) {
    return new Permissions(revoke(read, revoked.read), revoke(write, revoked.write));
  }

  private static List<String> grant(List<String> current, List<String> added, String kind)
      throws AuthException {
    TreeSet<String> set = setOf(current);
    if (added != null) {
      for (String p : added) {
        if (!set.add(p)) {
          throw new AuthException(409, "Granting duplicate " + kind + " permission " + p);
        }
      }
    }
    return new ArrayList<>(set);
  }

  private static List<String> revoke(List<String> current, List<String> removed) {
    TreeSet<String> set = setOf(current);
    if (removed != null) {
      removed.forEach(set::remove);
    }
    return new ArrayList<>(set);
  }

  private static TreeSet<String> setOf(List<String> list) {
    return list == null ? new TreeSet<>() : new TreeSet<>(list);
  }

  /**
   * OTH-080, non-recursive request: a pattern ending in {@code *} matches every key starting with
   * the rest, any other pattern only the key itself.
   */
  boolean allows(String key, boolean write) {
    for (String pattern : patterns(write)) {
      if (pattern.endsWith("*")) {
        if (key.startsWith(pattern.substring(0, pattern.length() - 1))) {
          return true;
        }
      } else if (key.equals(pattern)) {
        return true;
      }
    }
    return false;
  }

  /** OTH-080, recursive request: only {@code *} patterns count, as prefixes. */
  boolean allowsRecursive(String key, boolean write) {
    for (String pattern : patterns(write)) {
      if (pattern.endsWith("*") && key.startsWith(pattern.substring(0, pattern.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  private List<String> patterns(boolean write) {
    List<String> list = write ? this.write : read;
    return list == null ? List.of() : list;
  }
}
