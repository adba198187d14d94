package io.etcdj.wal;

/**
 * WAL settings. Immutable and thread-safe.
 *
 * @param segmentSizeBytes a segment is cut once its size reaches this; etcd uses 64,000,000
 *     (decimal, SPEC PER-012). Tests use small values to get many segments quickly.
 */
public record WalConfig(long segmentSizeBytes) {
  /** etcd's SegmentSizeBytes. */
  public static final long SEGMENT_SIZE_BYTES = 64_000_000L;

  public static final WalConfig DEFAULT = new WalConfig(SEGMENT_SIZE_BYTES);

  public WalConfig {
    check(segmentSizeBytes);
  }

  /** Throws {@link IllegalArgumentException} if a setting is out of range. */
  public void validate() {
    check(segmentSizeBytes);
  }

  private static void check(long segmentSizeBytes) {
    if (segmentSizeBytes < 4096) {
      throw new IllegalArgumentException("segmentSizeBytes must be >= 4096: " + segmentSizeBytes);
    }
  }
}
