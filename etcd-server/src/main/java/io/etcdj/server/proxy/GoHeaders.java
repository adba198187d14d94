package io.etcdj.server.proxy;

import io.etcdj.server.SystemClock;
import io.etcdj.server.http.HttpDate;

/**
 * Header spellings as Go's HTTP server writes them: canonical names ({@code X-Etcd-Index}, not
 * the lower case the JDK client hands over) and a {@code Date} on every response the proxy
 * writes itself.
 *
 * <p>Thread-safety: stateless.
 */
final class GoHeaders {
  private GoHeaders() {}

  /** Go's {@code CanonicalMIMEHeaderKey}: upper case after the start and after each dash. */
  static String canonical(String name) {
    StringBuilder b = new StringBuilder(name.length());
    boolean upper = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == ' ') {
        // Go leaves names with spaces alone; so do we
        return name;
      }
      b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return b.toString();
  }

  /** Now, as a {@code Date} header value. */
  static String now() {
    return HttpDate.format(SystemClock.INSTANCE.instant().getEpochSecond());
  }
}
