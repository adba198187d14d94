package io.etcdj.ctl.command;

/**
 * Ends the running command with an exit code, after whatever it had to print was printed. This is
 * how commands stop early, as etcdctl's Go code calls {@code os.Exit} (CTL-020).
 *
 * <p>Immutable; thread-safe.
 */
public final class ExitException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int code;

  public ExitException(int code) {
    super("exit " + code, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
