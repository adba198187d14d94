package io.etcdj.ctl.command;

/**
 * {@code user add|get|list|remove|grant|revoke|passwd} (CTL-070).
 *
 * <p>Thread-safe: a constant.
 */
final class UserCommand {
  static final CommandDef DEF =
      CommandDef.group(
          "user",
          "user add, grant and revoke subcommands",
          UserAddCommand.DEF,
          UserGetCommand.DEF,
          UserListCommand.DEF,
          UserRemoveCommand.DEF,
          UserGrantCommand.DEF,
          UserRevokeCommand.DEF,
          UserPasswdCommand.DEF);

  private UserCommand() {}
}
