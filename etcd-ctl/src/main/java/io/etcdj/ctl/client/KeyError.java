package io.etcdj.ctl.client;

/**
 * An error answered by the keys API as JSON {@code {errorCode, message, cause, index}}. Rendered as
 * {@code <code>: <message> (<cause>) [<index>]} (CTL-021, ERR-006); the code is Go's int (64 bits).
 *
 * <p>Immutable; thread-safe.
 */
public final class KeyError extends EtcdClientException {
  private static final long serialVersionUID = 1L;

  private final long code;
  private final String errorMessage;
  private final String cause;
  private final long index;

  public KeyError(long code, String errorMessage, String cause, long index) {
    super(code + ": " + errorMessage + " (" + cause + ") [" + Long.toUnsignedString(index) + "]");
    this.code = code;
    this.errorMessage = errorMessage;
    this.cause = cause;
    this.index = index;
  }

  public long code() {
    return code;
  }

  public String errorMessage() {
    return errorMessage;
  }

  public String errorCause() {
    return cause;
  }

  public long index() {
    return index;
  }
}
