package io.etcdj.wal;

/**
 * WAL settings.
 *
 * @param segmentSizeBytes a segment is cut once its size reaches this; etcd uses 64,000,000
 *     (decimal, SPEC PER-012). Tests use small values to get many segments quickly.
 */
public record WalConfig(long segmentSizeBytes) {
  /** etcd's SegmentSizeBytes. */
  public static final long SEGMENT_SIZE_BYTES = 64_000_000L;

  public static final WalConfig DEFAULT = new WalConfig(SEGMENT_SIZE_BYTES);

  public WalConfig {
    validate(segmentSizeBytes);
  }

  private static void validate(long segmentSizeBytes) {
    if (segmentSizeBytes < 4096) {
      throw new IllegalArgumentException("segmentSizeBytes must be >= 4096: " + segmentSizeBytes);
    }
  }
}
