package io.etcdj.raft;

/**
 * A {@link Storage} cannot answer a request for a known reason. Raft handles each {@link Kind}
 * (for example it sends a snapshot when the entries it needs were compacted); any other
 * exception from a storage is fatal to the raft node.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the storage could not answer. */
  public enum Kind {
    /** The requested index precedes the first retained entry: it was compacted away. */
    COMPACTED("requested index is unavailable due to compaction"),
    /** The requested index is beyond the last entry. */
    UNAVAILABLE("requested entry at index is unavailable"),
    /** The snapshot offered is older than the one already held. */
    SNAPSHOT_OUT_OF_DATE("requested index is older than the existing snapshot"),
    /** The snapshot is being produced; the caller should retry later. */
    SNAPSHOT_TEMPORARILY_UNAVAILABLE("snapshot is temporarily unavailable");

    private final String message;

    Kind(String message) {
      this.message = message;
    }
  }

  private final Kind kind;

  public StorageException(Kind kind) {
    super(kind.message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
