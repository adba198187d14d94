package io.etcdj.ctl.client;

/**
 * HTTP reason phrases as Go's {@code http.StatusText} spells them, for the 5xx error text.
 *
 * <p>Stateless; thread-safe.
 */
final class StatusText {
  private StatusText() {}

  static String of(int status) {
    return switch (status) {
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      default -> "";
    };
  }
}
