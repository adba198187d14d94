package io.etcdj.ctl.command;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a command may touch outside the network: standard streams, the environment, and an optional
 * console for password prompts. Tests pass their own instance; the process main passes the real
 * ones.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 * @param env environment variables ({@code ETCDCTL_*})
 * @param console the interactive console, or null when not attached to one
 */
public record Terminal(
    InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Console console) {

  public Terminal {
    env = Map.copyOf(env);
  }

  /** An environment variable, or {@code ""} when unset (Go's {@code os.Getenv}). */
  public String getenv(String name) {
    return env.getOrDefault(name, "");
  }

  /** All of standard input as UTF-8 (used for values given on stdin, CTL-042). */
  public String readAllStdin() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    in.transferTo(buf);
    return buf.toString(StandardCharsets.UTF_8);
  }

  /**
   * Asks for a password without echo when a console is attached; otherwise reads one line from
   * standard input. The prompt goes to standard output, followed by a newline once answered.
   */
  public String askPassword(String prompt) throws IOException {
    if (console != null) {
      char[] pw = console.readPassword("%s", prompt);
      if (pw == null) {
        throw new IOException("EOF");
      }
      // etcdctl ends the prompt line itself, since the typed Enter is not echoed.
      out.print("\n");
      return new String(pw);
    }
    out.print(prompt);
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    out.print("\n");
    if (c == -1 && line.length() == 0) {
      throw new IOException("EOF");
    }
    return new String(
        line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }
}
