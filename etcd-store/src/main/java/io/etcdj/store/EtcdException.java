package io.etcdj.store;

/**
 * An etcd v2 error as clients see it: {@code {"errorCode":..,"message":..,"cause":..,"index":..}}
 * (SPEC ERR-001). The cause of a store error is an internal path ({@code /1/foo}); the HTTP layer
 * strips the prefix.
 */
public final class EtcdException extends Exception {
  private final EtcdError error;
  private final String cause;
  private final long index;

  public EtcdException(EtcdError error, String cause, long index) {
    super(
        cause == null || cause.isEmpty() ? error.message() : error.message() + " (" + cause + ")",
        null,
        false,
        false);
    this.error = error;
    this.cause = cause == null ? "" : cause;
    this.index = index;
  }

  public EtcdError error() {
    return error;
  }

  /** The cause; empty when there is none (then omitted from the JSON). */
  public String errorCause() {
    return cause;
  }

  public long index() {
    return index;
  }
}
