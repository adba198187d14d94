package io.etcdj.ctl.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code auth enable|disable} (CTL-072).
 *
 * <p>Stateless.
 */
@Command(
    name = "auth",
    description = "overall auth controls",
    subcommands = {AuthEnableCommand.class, AuthDisableCommand.class})
final class AuthCommand {
  @Option(
      names = {"--help", "-help", "-h", "--h"},
      usageHelp = true,
      hidden = true,
      description = "show help")
  boolean help;
}
