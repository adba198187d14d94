package io.etcdj.ctl.command;

import io.etcdj.ctl.client.GoText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a command may touch outside the network: standard streams, the environment, and the
 * terminal's echo for password prompts. Tests pass their own instance; the process main passes the
 * real ones.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 * @param env environment variables ({@code ETCDCTL_*})
 * @param echo switches the echo off and on around a password prompt
 */
public record Terminal(
    InputStream in, PrintStream out, PrintStream err, Map<String, String> env, EchoControl echo) {

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
   * Asks for a password as etcdctl does (CTL-004): the prompt on standard output, the echo off
   * while one line is read from standard input, then a newline on standard output. The end of input
   * ends the line (an empty password, not an error); the line loses its surrounding white space, as
   * Go's {@code strings.TrimSpace} trims it.
   *
   * @throws IOException with etcdctl's text when the echo cannot be turned off or stdin fails
   */
  public String askPassword(String prompt) throws IOException {
    out.print(prompt);
    try {
      echo.off();
      String line;
      try {
        line = readLine();
      } finally {
        echo.on();
      }
      return GoText.trimSpace(line);
    } finally {
      out.print("\n");
    }
  }

  /** One line of stdin without its newline, read byte by byte so nothing after it is consumed. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        line.write(c);
      }
    } catch (IOException e) {
      throw new IOException("failed during password entry: " + e.getMessage(), e);
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
