package io.etcdj.server.http.client;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's {@code path.Clean} and the cleaning Go's {@code ServeMux} applies before routing (SPEC
 * KEY-020, KEY-023).
 *
 * <p>Thread-safety: stateless.
 */
final class GoPath {
  private GoPath() {}

  /**
   * {@code path.Clean}: collapses {@code //}, drops {@code .}, resolves {@code ..}, removes the
   * trailing slash; {@code ""} becomes {@code "."}.
   */
  static String clean(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    if (isClean(p) && (p.length() == 1 || p.charAt(p.length() - 1) != '/')) {
      return p; // the usual case, without splitting and joining
    }
    boolean rooted = p.charAt(0) == '/';
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : p.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(seg);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** A quick test for the usual case: rooted, no empty, {@code .} or {@code ..} segments. */
  private static boolean isClean(String p) {
    if (p.isEmpty() || p.charAt(0) != '/') {
      return false;
    }
    int n = p.length();
    for (int i = 0; i < n; i++) {
      if (p.charAt(i) != '/') {
        continue;
      }
      // the segment after this slash
      if (i + 1 < n && p.charAt(i + 1) == '/') {
        return false;
      }
      if (i + 1 < n && p.charAt(i + 1) == '.') {
        boolean dot = i + 2 == n || p.charAt(i + 2) == '/';
        boolean dotdot = i + 2 < n && p.charAt(i + 2) == '.' && (i + 3 == n || p.charAt(i + 3) == '/');
        if (dot || dotdot) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code path.Join(a, b)} for a non-empty rooted {@code a}. */
  static String join(String a, String b) {
    if (b.isEmpty()) {
      return clean(a);
    }
    // "a" + "/b" cleans to what "a" + "//b" does, and is often clean already.
    return clean(b.charAt(0) == '/' ? a + b : a + "/" + b);
  }

  /**
   * The path {@code ServeMux} redirects to: rooted, cleaned, with a trailing slash kept. A path
   * that is already clean is returned unchanged (same instance).
   */
  static String serveMuxClean(String p) {
    if (isClean(p)) {
      return p;
    }
    if (p.isEmpty()) {
      return "/";
    }
    String rooted = p.charAt(0) == '/' ? p : "/" + p;
    String np = clean(rooted);
    if (rooted.charAt(rooted.length() - 1) == '/' && !np.equals("/")) {
      np += "/";
    }
    return np.equals(p) ? p : np;
  }
}
