package io.etcdj.ctl.command;

import picocli.CommandLine.Command;

/**
 * {@code member list|add|remove|update} (CTL-060..063). Without a subcommand prints its help.
 *
 * <p>Stateless.
 */
@Command(
    name = "member",
    description = "member add, remove and list subcommands",
    subcommands = {
      MemberListCommand.class,
      MemberAddCommand.class,
      MemberRemoveCommand.class,
      MemberUpdateCommand.class
    })
final class MemberCommand {}
