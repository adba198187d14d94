package io.etcdj.ctl.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code user add|get|list|remove|grant|revoke|passwd} (CTL-070).
 *
 * <p>Stateless.
 */
@Command(
    name = "user",
    description = "user add, grant and revoke subcommands",
    subcommands = {
      UserAddCommand.class,
      UserGetCommand.class,
      UserListCommand.class,
      UserRemoveCommand.class,
      UserGrantCommand.class,
      UserRevokeCommand.class,
      UserPasswdCommand.class
    })
final class UserCommand {
  @Option(
      names = {"--help", "-help", "-h", "--h"},
      usageHelp = true,
      hidden = true,
      description = "show help")
  boolean help;
}
