package io.etcdj.server.http.client;

/**
 * The two Go {@code strconv} parsers the v2 API relies on, with their exact spellings (SPEC
 * KEY-034, KEY-035).
 *
 * <p>Thread-safety: stateless.
 */
final class GoStrconv {
  private GoStrconv() {}

  /**
   * Go's {@code ParseBool}: {@code 1 t T TRUE true True} and {@code 0 f F FALSE false False}.
   *
   * @throws NumberFormatException for every other spelling (including "" and "yes")
   */
  static boolean parseBool(String s) {
    switch (s) {
      case "1", "t", "T", "TRUE", "true", "True":
        return true;
      case "0", "f", "F", "FALSE", "false", "False":
        return false;
      default:
        throw new NumberFormatException("invalid syntax: " + s);
    }
  }

  /**
   * Go's {@code ParseUint(s, 10, 64)}: decimal digits only, no sign, at most 2^64-1. The result
   * is the unsigned value in a long's bits.
   *
   * @throws NumberFormatException on anything else (including "", "+1", " 1")
   */
  static long parseUint64(String s) {
    if (s.isEmpty()) {
      throw new NumberFormatException("empty");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException("invalid syntax: " + s);
      }
    }
    return Long.parseUnsignedLong(s);
  }
}
