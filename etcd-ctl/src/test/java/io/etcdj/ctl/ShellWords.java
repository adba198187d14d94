package io.etcdj.ctl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a scenario command line into arguments with POSIX shell quoting (single quotes, double
 * quotes with backslash escapes, backslash outside quotes), as the recorder's {@code shlex} does.
 *
 * <p>Stateless; thread-safe.
 */
final class ShellWords {
  private ShellWords() {}

  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        cur.append(line, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        i++;
        while (line.charAt(i) != '"') {
          if (line.charAt(i) == '\\' && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            i++;
          }
          cur.append(line.charAt(i++));
        }
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(cur.toString());
    }
    return words;
  }
}
