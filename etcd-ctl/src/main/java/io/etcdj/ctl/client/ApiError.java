package io.etcdj.ctl.client;

/**
 * A failure of the members or auth API, or an unexpected answer: the message is the server's {@code
 * {"message": ...}} text or the client's own description (for example {@code unexpected status code
 * 404}).
 *
 * <p>Immutable; thread-safe.
 */
public final class ApiError extends EtcdClientException {
  private static final long serialVersionUID = 1L;

  private final boolean connection;

  public ApiError(String message) {
    this(message, false);
  }

  public ApiError(String message, boolean connection) {
    super(message);
    this.connection = connection;
  }

  /** The whole command ran out of its {@code --total-timeout}, like Go's context deadline. */
  public static ApiError deadlineExceeded() {
    return new ApiError("context deadline exceeded", true);
  }

  @Override
  public boolean isConnectionError() {
    return connection;
  }
}
