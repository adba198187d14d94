package io.etcdj.server.discovery;

/**
 * A discovery that cannot go on, with etcd's message for each reason (SPEC CLU-051..055).
 *
 * <p>Thread-safety: immutable. Not final: discovery carries what it saw with a full cluster.
 */
public class DiscoveryException extends Exception {
  /** Why discovery stopped. */
  public enum Kind {
    /** {@code <token>/_config/size} does not exist (CLU-051). */
    SIZE_NOT_FOUND("discovery: size key not found"),
    /** The size key's value is not an unsigned integer (CLU-051). */
    BAD_SIZE("discovery: size key is bad"),
    /** The endpoint did not answer with etcd's JSON (CLU-051). */
    BAD_ENDPOINT("discovery: bad discovery endpoint"),
    /** This member's ID is registered already: an earlier bootstrap used the token (CLU-052). */
    DUPLICATE_ID("discovery: found duplicate id"),
    /** Two registered members share a name (CLU-053). */
    DUPLICATE_NAME("discovery: found duplicate name"),
    /** A registered value is not a valid {@code name=url} list (CLU-053). */
    INVALID_URL("discovery: invalid URL"),
    /** {@code size} other members registered first (CLU-051, CLU-055). */
    FULL_CLUSTER("discovery: cluster is full"),
    /** Anything else the discovery etcd answered, e.g. an error JSON. */
    OTHER("discovery: unexpected answer");

    private final String message;

    Kind(String message) {
      this.message = message;
    }
  }

  private final Kind kind;

  public DiscoveryException(Kind kind) {
    super(kind.message, null, false, false);
    this.kind = kind;
  }

  public DiscoveryException(Kind kind, String detail) {
    super(detail, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
