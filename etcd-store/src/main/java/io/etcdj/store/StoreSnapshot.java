package io.etcdj.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A consistent, immutable picture of a whole {@link Store}, taken in O(1) on the writing thread by
 * {@link Store#snapshotView()}: the frozen root of the copy-on-write tree plus copies of the small
 * parts (1000-slot history ring, counters, index). Writing it as etcd's snapshot JSON (SPEC
 * PER-045..047) can then run on any thread while writes go on.
 *
 * <p>Thread-safety: immutable; {@link #writeTo} may be called from any thread, any number of times.
 */
public final class StoreSnapshot {
  private final Node root;
  private final EventHistory history;
  private final long currentIndex;
  private final long[] stats;
  private final int version;

  StoreSnapshot(Node root, EventHistory history, long currentIndex, long[] stats, int version) {
    this.root = root;
    this.history = history;
    this.currentIndex = currentIndex;
    this.stats = stats;
    this.version = version;
  }

  /** The store index this snapshot was taken at. */
  public long index() {
    return currentIndex;
  }

  /** Writes the snapshot JSON to the stream (does not close or flush it). */
  public void writeTo(OutputStream out) throws IOException {
    SnapshotFormat.writeTo(out, root, history, currentIndex, stats, version);
  }

  /** The snapshot JSON as bytes. */
  public byte[] toByteArray() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
