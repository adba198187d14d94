package io.etcdj.ctl.command;

/** etcdctl's exit codes (CTL-020). */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int SUCCESS = 0;

  /** Wrong arguments, and most member/user/role/auth failures. */
  public static final int BAD_ARGS = 1;

  /** No member could be reached while syncing the cluster. */
  public static final int BAD_CONNECTION = 2;

  /** Reserved for authentication failures; also urfave/cli's "no help topic" code. */
  public static final int BAD_AUTH = 3;

  /** The server answered with an error (key errors, unavailable cluster). */
  public static final int SERVER_ERROR = 4;

  /** {@code cluster-health} found an unhealthy member. */
  public static final int CLUSTER_NOT_HEALTHY = 5;

  private ExitCodes() {}
}
