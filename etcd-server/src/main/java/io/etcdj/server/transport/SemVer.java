package io.etcdj.server.transport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The major and minor parts of a semantic version, which is all the peer version check compares
 * (SPEC PTR-012).
 *
 * <p>Thread-safety: immutable.
 */
record SemVer(int major, int minor) implements Comparable<SemVer> {
  private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)([-+].*)?");

  /** A missing version header counts as 2.0.0, as etcd assumes for very old members. */
  static final SemVer DEFAULT = new SemVer(2, 0);

  /** Parses {@code X.Y.Z[-pre][+meta]}, or returns null. */
  static SemVer parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return null;
    }
    try {
      return new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public int compareTo(SemVer o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }
}
