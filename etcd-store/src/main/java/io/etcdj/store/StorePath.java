package io.etcdj.store;

/**
 * Store path arithmetic with Go's {@code path} semantics (SPEC KEY-023): every store operation
 * works on {@code clean(join("/", p))}.
 *
 * <p>Thread-safety: stateless.
 */
final class StorePath {
  private StorePath() {}

  /** Go's {@code path.Clean(path.Join("/", p))}: absolute, no empty, "." or ".." segments. */
  static String clean(String p) {
    if (isClean(p)) {
      return p;
    }
    StringBuilder out = new StringBuilder(p.length() + 1);
    int n = p.length();
    int i = 0;
    while (i < n) {
      while (i < n && p.charAt(i) == '/') {
        i++;
      }
      int start = i;
      while (i < n && p.charAt(i) != '/') {
        i++;
      }
      int len = i - start;
      if (len == 0 || (len == 1 && p.charAt(start) == '.')) {
        continue;
      }
      if (len == 2 && p.charAt(start) == '.' && p.charAt(start + 1) == '.') {
        int cut = out.lastIndexOf("/");
        out.setLength(Math.max(cut, 0));
        continue;
      }
      out.append('/').append(p, start, i);
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  /**
   * True when {@link #clean} would return p unchanged; the common case, checked without copying.
   */
  private static boolean isClean(String p) {
    int n = p.length();
    if (n == 0 || p.charAt(0) != '/') {
      return false;
    }
    if (n == 1) {
      return true;
    }
    if (p.charAt(n - 1) == '/') {
      return false;
    }
    int segStart = 1;
    for (int i = 1; i <= n; i++) {
      if (i == n || p.charAt(i) == '/') {
        int len = i - segStart;
        if (len == 0) {
          return false;
        }
        if (p.charAt(segStart) == '.'
            && (len == 1 || (len == 2 && p.charAt(segStart + 1) == '.'))) {
          return false;
        }
        segStart = i + 1;
      }
    }
    return true;
  }

  /** The last segment of a clean path ("" for the root). */
  static String base(String cleanPath) {
    return cleanPath.substring(cleanPath.lastIndexOf('/') + 1);
  }

  /** The parent of a clean path; the root is its own parent. */
  static String dir(String cleanPath) {
    int cut = cleanPath.lastIndexOf('/');
    return cut <= 0 ? "/" : cleanPath.substring(0, cut);
  }

  /** Joins a clean parent path and a child name. */
  static String join(String cleanParent, String name) {
    return cleanParent.length() == 1 ? "/" + name : cleanParent + "/" + name;
  }

  /**
   * Whether the part of keyPath below watchPath contains a hidden segment (SPEC KEY-141); as etcd,
   * a key path shorter than the watch path is never hidden.
   */
  static boolean isHiddenBelow(String watchPath, String keyPath) {
    if (watchPath.length() > keyPath.length()) {
      return false;
    }
    String after = clean("/" + keyPath.substring(watchPath.length()));
    return after.contains("/_");
  }

  /**
   * Byte-wise UTF-8 order, which is Go's string order (SPEC KEY-043): code point order, unlike
   * {@link String#compareTo} for characters outside the BMP.
   */
  static int compareGo(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean xs = Character.isSurrogate(x);
        boolean ys = Character.isSurrogate(y);
        if (xs != ys) {
          // A surrogate (a code point >= U+10000) sorts after every BMP char in UTF-8.
          return xs ? 1 : -1;
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }
}
