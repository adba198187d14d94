package io.etcdj.store;

import java.time.Instant;

/**
 * The TTL part of a write (etcd's TTLOptionSet).
 *
 * @param expireTime absolute expiration, or null for a permanent node
 * @param refresh renew the TTL without changing the value or notifying watchers (SPEC KEY-127)
 */
public record TtlOptions(Instant expireTime, boolean refresh) {
  public static final TtlOptions PERMANENT = new TtlOptions(null, false);
}
