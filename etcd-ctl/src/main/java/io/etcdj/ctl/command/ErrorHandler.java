package io.etcdj.ctl.command;

import io.etcdj.ctl.client.ClusterError;
import java.io.PrintStream;

/**
 * The shared error to exit-code mapping (STYLE 14, CTL-020/021): prints {@code Error: <err>} (two
 * spaces) on stderr, plus one detail line per endpoint for cluster errors, and ends the command
 * with the given code. Key errors keep this plain form even with {@code -o json}, as etcdctl does.
 *
 * <p>Stateless apart from the stream; thread-safe as {@link PrintStream} is.
 */
public final class ErrorHandler {
  private final PrintStream err;

  public ErrorHandler(PrintStream err) {
    this.err = err;
  }

  /** Prints {@code error} etcdctl-style and throws the exit. */
  public ExitException handle(int code, Throwable error) {
    err.print("Error:  " + error.getMessage() + "\n");
    if (error instanceof ClusterError c) {
      err.print(c.detail() + "\n");
    }
    throw new ExitException(code);
  }

  /** Prints {@code text} and a newline as is, then throws the exit (member/user/role errors). */
  public ExitException fail(int code, String text) {
    err.print(text + "\n");
    throw new ExitException(code);
  }
}
