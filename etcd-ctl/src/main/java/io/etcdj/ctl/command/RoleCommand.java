package io.etcdj.ctl.command;

/**
 * {@code role add|get|list|remove|grant|revoke} (CTL-071).
 *
 * <p>Thread-safe: a constant.
 */
final class RoleCommand {
  static final CommandDef DEF =
      CommandDef.group(
          "role",
          "role add, grant and revoke subcommands",
          RoleAddCommand.DEF,
          RoleGetCommand.DEF,
          RoleListCommand.DEF,
          RoleRemoveCommand.DEF,
          RoleGrantCommand.DEF,
          RoleRevokeCommand.DEF);

  private RoleCommand() {}
}
