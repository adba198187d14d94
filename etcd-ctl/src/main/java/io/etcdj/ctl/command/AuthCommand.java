package io.etcdj.ctl.command;

import picocli.CommandLine.Command;

/**
 * {@code auth enable|disable} (CTL-072).
 *
 * <p>Stateless.
 */
@Command(
    name = "auth",
    description = "overall auth controls",
    subcommands = {AuthEnableCommand.class, AuthDisableCommand.class})
final class AuthCommand {}
