package io.etcdj.ctl.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
final class MemberCommand {
  @Option(
      names = {"--help", "-help", "-h", "--h"},
      usageHelp = true,
      hidden = true,
      description = "show help")
  boolean help;
}
