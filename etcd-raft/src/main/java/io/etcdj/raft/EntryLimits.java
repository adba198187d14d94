package io.etcdj.raft;

import io.etcdj.raft.raftpb.Entry;
import java.util.List;

/**
 * Size limiting of entry batches (MaxSizePerMsg, RFT-006): a batch always holds at least one
 * entry, so that an entry larger than the limit can still be replicated.
 *
 * <p>Stateless and thread-safe.
 */
final class EntryLimits {
  /** No limit: the whole range in one batch. */
  static final long NO_LIMIT = Long.MAX_VALUE;

  private EntryLimits() {}

  /** The longest prefix of {@code entries} whose encoded size stays within {@code maxSize}. */
  static List<Entry> limitSize(List<Entry> entries, long maxSize) {
    int n = entries.size();
    if (n <= 1 || maxSize == NO_LIMIT) {
      return entries;
    }
    long size = entries.get(0).getSerializedSize();
    int limit = 1;
    while (limit < n) {
      size += entries.get(limit).getSerializedSize();
      if (size > maxSize) {
        break;
      }
      limit++;
    }
    return limit == n ? entries : entries.subList(0, limit);
  }
}
