package io.etcdj.ctl.command;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code help [command [subcommand]]}: the help of the app or of one command; an unknown name
 * prints {@code No help topic for '<name>'} and exits 3, as etcdctl does.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(
    name = "help",
    aliases = "h",
    description = "Shows a list of commands or help for one command",
    customSynopsis = "[command]")
final class HelpCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", hidden = true)
  List<String> topics = List.of();

  @Override
  public Integer call() {
    Terminal t = ((EtcdctlCommand) spec.root().userObject()).terminal();
    CommandSpec target = spec.root();
    for (String topic : topics) {
      CommandLine sub = target.subcommands().get(topic);
      if (sub == null) {
        t.err().print("No help topic for '" + topic + "'\n");
        return ExitCodes.BAD_AUTH;
      }
      target = sub.getCommandSpec();
    }
    t.out().print(target == spec.root() ? UrfaveHelp.app(target) : UrfaveHelp.command(target));
    return ExitCodes.SUCCESS;
  }
}
