package io.etcdj.ctl.command;

/**
 * {@code auth enable|disable} (CTL-072).
 *
 * <p>Thread-safe: a constant.
 */
final class AuthCommand {
  static final CommandDef DEF =
      CommandDef.group(
          "auth", "overall auth controls", AuthEnableCommand.DEF, AuthDisableCommand.DEF);

  private AuthCommand() {}
}
