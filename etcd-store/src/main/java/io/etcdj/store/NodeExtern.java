package io.etcdj.store;

import java.time.Instant;
import java.util.List;

/**
 * An immutable copy of a node as clients see it (etcd's NodeExtern). JSON field order and omission
 * rules are SPEC KEY-092..095.
 *
 * @param key internal path, e.g. {@code /1/foo}
 * @param value the value of a file; null for a directory
 * @param dir true for a directory
 * @param expiration absolute expiration, or null when permanent
 * @param ttl seconds left, rounded up, computed when this copy was made (may be 0 or negative)
 * @param nodes children (directories listed by a get), or null
 */
public record NodeExtern(
    String key,
    String value,
    boolean dir,
    Instant expiration,
    long ttl,
    List<NodeExtern> nodes,
    long modifiedIndex,
    long createdIndex) {}
