package io.etcdj.ctl.command;

/**
 * {@code member list|add|remove|update} (CTL-060..063). Without a subcommand prints its help.
 *
 * <p>Thread-safe: a constant.
 */
final class MemberCommand {
  static final CommandDef DEF =
      CommandDef.group(
          "member",
          "member add, remove and list subcommands",
          MemberListCommand.DEF,
          MemberAddCommand.DEF,
          MemberRemoveCommand.DEF,
          MemberUpdateCommand.DEF);

  private MemberCommand() {}
}
