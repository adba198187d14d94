package io.etcdj.ctl.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code role add|get|list|remove|grant|revoke} (CTL-071).
 *
 * <p>Stateless.
 */
@Command(
    name = "role",
    description = "role add, grant and revoke subcommands",
    subcommands = {
      RoleAddCommand.class,
      RoleGetCommand.class,
      RoleListCommand.class,
      RoleRemoveCommand.class,
      RoleGrantCommand.class,
      RoleRevokeCommand.class
    })
final class RoleCommand {
  @Option(
      names = {"--help", "-help", "-h", "--h"},
      usageHelp = true,
      hidden = true,
      description = "show help")
  boolean help;
}
