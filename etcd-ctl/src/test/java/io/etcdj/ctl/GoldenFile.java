package io.etcdj.ctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario recorded from the reference etcdctl by {@code src/test/scripts/record-golden.py}: the
 * reference member's client URL, peer URL and ID, then per command its input and what {@code
 * ETCDCTL_API=2 etcdctl} printed and returned.
 *
 * @param client the recording member's client URL
 * @param peer the recording member's peer URL
 * @param member the recording member's ID
 * @param steps the commands in order
 */
record GoldenFile(String client, String peer, String member, List<Step> steps) {

  /**
   * One command of a scenario.
   *
   * @param command the command line as written in the scenario ({@code {idx+N}} not yet replaced)
   * @param stdin standard input
   * @param env extra environment variables
   * @param raw true when no {@code --endpoints} is prepended
   * @param exit recorded exit code
   * @param out recorded stdout
   * @param err recorded stderr
   */
  record Step(
      String command,
      String stdin,
      Map<String, String> env,
      boolean raw,
      int exit,
      String out,
      String err) {}

  static GoldenFile read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, String> header = new HashMap<>();
    List<Step> steps = new ArrayList<>();
    String stdin = "";
    Map<String, String> env = new LinkedHashMap<>();
    boolean raw = false;
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i++);
      if (line.startsWith("@@ client ")
          || line.startsWith("@@ peer ")
          || line.startsWith("@@ member ")) {
        String[] kv = line.substring(3).split(" ", 2);
        header.put(kv[0], kv[1]);
      } else if (line.startsWith("@@ stdin ")) {
        stdin = unescape(line.substring("@@ stdin ".length()));
      } else if (line.startsWith("@@ env ")) {
        String[] kv = line.substring("@@ env ".length()).split("=", 2);
        env.put(kv[0], kv[1]);
      } else if (line.equals("@@ raw")) {
        raw = true;
      } else if (line.startsWith("@@ cmd ")) {
        String command = line.substring("@@ cmd ".length());
        int exit = Integer.parseInt(lines.get(i++).substring("@@ exit ".length()));
        expect(lines.get(i++), "@@ stdout");
        StringBuilder out = new StringBuilder();
        i = section(lines, i, out);
        expect(lines.get(i++), "@@ stderr");
        StringBuilder err = new StringBuilder();
        i = section(lines, i, err);
        steps.add(
            new Step(command, stdin, Map.copyOf(env), raw, exit, out.toString(), err.toString()));
        stdin = "";
        env = new LinkedHashMap<>();
        raw = false;
      } else {
        throw new IOException(file + ": unexpected line " + line);
      }
    }
    return new GoldenFile(header.get("client"), header.get("peer"), header.get("member"), steps);
  }

  /** Reads output lines up to the next directive; {@code @@ noeol} drops the last newline. */
  private static int section(List<String> lines, int i, StringBuilder into) {
    while (i < lines.size() && !isDirective(lines.get(i))) {
      into.append(lines.get(i++)).append('\n');
    }
    if (i < lines.size() && lines.get(i).equals("@@ noeol")) {
      into.setLength(into.length() - 1);
      i++;
    }
    return i;
  }

  private static boolean isDirective(String line) {
    return line.startsWith("@@ ") && !line.startsWith("@@ noeol") || line.equals("@@ noeol");
  }

  private static void expect(String line, String want) throws IOException {
    if (!line.equals(want)) {
      throw new IOException("expected " + want + " but got " + line);
    }
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
