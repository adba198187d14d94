package io.etcdj.server;

/**
 * A membership change that the apply step refused (SPEC CLU-030, etcd's {@code membership}
 * errors); the change was applied as a no-op and this reaches the member that proposed it.
 *
 * <p>Thread-safety: immutable.
 */
public final class MembershipException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The four reasons, with etcd's messages. */
  public enum Kind {
    ID_REMOVED("membership: ID removed"),
    ID_EXISTS("membership: ID exists"),
    ID_NOT_FOUND("membership: ID not found"),
    PEER_URL_EXISTS("membership: peerURL exists");

    private final String message;

    Kind(String message) {
      this.message = message;
    }
  }

  private final Kind kind;

  public MembershipException(Kind kind) {
    super(kind.message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
