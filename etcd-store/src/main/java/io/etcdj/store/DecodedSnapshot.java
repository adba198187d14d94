package io.etcdj.store;

import java.io.InputStream;

/**
 * A whole store state decoded from snapshot JSON (SPEC PER-048) that no store holds yet: decoding
 * is the slow half of a restart and runs on any thread, while the member does other work; {@link
 * Store#recover(DecodedSnapshot)} then installs it in one step, or it is dropped (a snapshot the
 * WAL turns out not to know) without having touched the store.
 *
 * <p>Thread-safety: built on one thread and handed over whole (a future's completion publishes it);
 * installed at most once.
 */
public final class DecodedSnapshot {
  final SnapshotFormat.Recovered state;
  final NodeTree tree;

  private DecodedSnapshot(SnapshotFormat.Recovered state) {
    this.state = state;
    this.tree = new NodeTree(state.root());
    tree.rebuildHeap(state.root(), "/");
  }

  /**
   * Decodes the JSON {@link Store#save()} (or etcd) wrote, reading the stream to its end and
   * closing it: hundreds of megabytes of it never have to be in memory at once.
   *
   * @throws IllegalArgumentException when the JSON is not a store snapshot
   */
  public static DecodedSnapshot decode(InputStream json) {
    return new DecodedSnapshot(SnapshotFormat.read(json));
  }

  /** As {@link #decode(InputStream)}, from bytes already in memory. */
  public static DecodedSnapshot decode(byte[] json) {
    return new DecodedSnapshot(SnapshotFormat.read(json));
  }

  /** The store index the snapshot was taken at. */
  public long index() {
    return state.currentIndex();
  }
}
