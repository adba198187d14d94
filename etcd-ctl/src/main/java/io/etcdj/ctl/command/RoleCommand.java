package io.etcdj.ctl.command;

import picocli.CommandLine.Command;

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
final class RoleCommand {}
