package io.etcdj.wal;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.HardState;
import java.util.List;

/**
 * What {@link Wal#readAll()} recovers (SPEC PER-025). Immutable apart from the metadata array,
 * which the caller owns.
 *
 * @param metadata the metadata given to {@link Wal#create} (an {@code etcdserverpb.Metadata})
 * @param hardState the last hard state saved, the default instance if none
 * @param entries the entries after the snapshot marker, in index order, later writes of an index
 *     having replaced earlier ones
 */
public record WalContents(byte[] metadata, HardState hardState, List<Entry> entries) {
  public WalContents {
    entries = List.copyOf(entries);
  }
}
