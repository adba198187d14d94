package io.etcdj.server;

/**
 * A command-line problem with the exit status etcd uses for it (SPEC FLG-003, FLG-005): 2 for
 * flag syntax errors, 1 for invalid configurations, 0 for {@code -h}.
 *
 * <p>Thread-safety: immutable.
 */
public final class FlagException extends Exception {
  private final int exitCode;

  public FlagException(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
