package io.etcdj.ctl.command;

import java.util.HashSet;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Which subcommands a command line needs registered: the one it names, when the words before it are
 * all global flags (and their values); otherwise every one, in help order, for what lists them (the
 * app's help, {@code help <topic>}, {@code completion}, an unknown command, a bad global flag).
 *
 * <p>Thread-safety: stateless.
 */
final class SubcommandChoice {
  private SubcommandChoice() {}

  /** Adds to {@code top} (the etcdctl command, before its settings are applied) what it needs. */
  static void register(CommandLine top, String[] args) {
    for (Class<?> c : needed(top.getCommandSpec(), args)) {
      top.addSubcommand(c);
    }
  }

  /**
   * {@code top} if every subcommand is registered with it, else the same command with all of them:
   * a global flag's bad value, found once the one subcommand was chosen, prints the app's help.
   */
  static CommandSpec withAll(CommandSpec top) {
    // the map holds aliases too (help and h): count the commands
    if (new HashSet<>(top.subcommands().values()).size() == EtcdctlCommand.SUBCOMMANDS.size()) {
      return top;
    }
    CommandLine all = new CommandLine(top.userObject());
    register(all, new String[0]);
    return all.getCommandSpec();
  }

  /**
   * The subcommands {@code args} need, in help order: the one they name after the global flags;
   * none for {@code --version}; all of them when anything may list them.
   */
  static List<Class<?>> needed(CommandSpec top, String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return i + 1 < args.length ? byName(args[i + 1]) : EtcdctlCommand.SUBCOMMANDS;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        return byName(arg);
      }
      int eq = arg.indexOf('=');
      OptionSpec option = top.findOption(eq < 0 ? arg : arg.substring(0, eq));
      if (option != null && option.versionHelp()) {
        return List.of();
      }
      if (option == null || option.usageHelp()) {
        return EtcdctlCommand.SUBCOMMANDS;
      }
      if (eq < 0 && option.arity().max() > 0) {
        i++; // the flag's value
      }
    }
    return EtcdctlCommand.SUBCOMMANDS;
  }

  /** The command named {@code word} alone; all of them for help, completion or an unknown name. */
  private static List<Class<?>> byName(String word) {
    for (Class<?> c : EtcdctlCommand.SUBCOMMANDS) {
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(word) || List.of(command.aliases()).contains(word)) {
        return c == HelpCommand.class || c == CompletionCommand.class
            ? EtcdctlCommand.SUBCOMMANDS
            : List.of(c);
      }
    }
    return EtcdctlCommand.SUBCOMMANDS;
  }
}
