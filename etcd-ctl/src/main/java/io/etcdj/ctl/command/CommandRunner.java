package io.etcdj.ctl.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses an etcdctl command line as etcdctl 2.3's CLI library (codegangsta/cli over Go's flag
 * package, {@link FlagSet}) does, and runs it, returning the exit code instead of exiting, so that
 * tests can run etcdctl in-process. Usage errors are reported as etcdctl reports them.
 *
 * <p>The app's own flags come first and end at the command's name. A command group ({@code member},
 * ...) is an app of its own. A command's words are reordered before its flags are parsed ({@link
 * #reorder}).
 *
 * <p>Stateless; thread-safe (each run builds its own command objects).
 */
public final class CommandRunner {
  private CommandRunner() {}

  /** Runs {@code args} against {@code terminal}; returns the exit code (CTL-020). */
  public static int run(String[] args, Terminal terminal) {
    try {
      return runApp(Arrays.asList(args), terminal);
    } finally {
      terminal.out().flush();
      terminal.err().flush();
    }
  }

  private static int runApp(List<String> words, Terminal terminal) {
    CommandDef app = EtcdctlCommand.APP;
    FlagSet globals;
    try {
      globals = FlagSet.parse(app.flags(), words);
    } catch (FlagSet.UsageError e) {
      return usageError(terminal, "Incorrect Usage. ", e, UrfaveHelp.app(app));
    }
    if (globals.bool(Flag.HELP)) {
      terminal.out().print(UrfaveHelp.app(app));
      return ExitCodes.SUCCESS;
    }
    if (globals.bool(EtcdctlCommand.VERSION_FLAG)) {
      // CTL-009: the 2.3 form of the version line.
      terminal.out().print("etcdctl version " + EtcdctlCommand.VERSION + "\n");
      return ExitCodes.SUCCESS;
    }
    EtcdctlCommand run = new EtcdctlCommand(terminal, globals);
    return dispatch(app, "etcdctl", globals.args(), run);
  }

  /** Runs the command {@code words} name among the commands of {@code parent}. */
  private static int dispatch(
      CommandDef parent, String name, List<String> words, EtcdctlCommand run) {
    Terminal t = run.terminal();
    if (words.isEmpty()) {
      t.out()
          .print(
              parent == EtcdctlCommand.APP
                  ? UrfaveHelp.app(parent)
                  : UrfaveHelp.group(parent, name));
      return ExitCodes.SUCCESS;
    }
    CommandDef cmd = parent.child(words.get(0));
    if (cmd == null) {
      t.err().print("No help topic for '" + words.get(0) + "'\n");
      return ExitCodes.BAD_AUTH;
    }
    String cmdName = name + " " + cmd.name();
    List<String> rest = words.subList(1, words.size());
    if (cmd.isGroup()) {
      return runGroup(cmd, cmdName, rest, run);
    }
    FlagSet flags;
    try {
      flags = FlagSet.parse(cmd.flags(), reorder(rest));
    } catch (FlagSet.UsageError e) {
      return usageError(t, "Incorrect Usage: ", e, UrfaveHelp.command(cmd, cmdName));
    }
    if (flags.bool(Flag.HELP)) {
      t.out().print(UrfaveHelp.command(cmd, cmdName));
      return ExitCodes.SUCCESS;
    }
    CtlCommand command = cmd.newCommand();
    command.bind(run, flags);
    return execute(command, run);
  }

  /**
   * A group runs as an app of its own: its flags (only {@code --help}), then one of its commands.
   */
  private static int runGroup(
      CommandDef group, String name, List<String> words, EtcdctlCommand run) {
    FlagSet flags;
    try {
      flags = FlagSet.parse(group.flags(), words);
    } catch (FlagSet.UsageError e) {
      // urfave/cli ends this sentence with a period for an app, a colon for a command.
      return usageError(run.terminal(), "Incorrect Usage. ", e, UrfaveHelp.group(group, name));
    }
    if (flags.bool(Flag.HELP)) {
      run.terminal().out().print(UrfaveHelp.group(group, name));
      return ExitCodes.SUCCESS;
    }
    return dispatch(group, name, flags.args(), run);
  }

  private static int execute(CtlCommand command, EtcdctlCommand run) {
    try {
      command.run(run.session());
      return ExitCodes.SUCCESS;
    } catch (ExitException e) {
      return e.code();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.SUCCESS;
    } catch (Exception e) {
      run.terminal().err().print("Error:  " + e + "\n");
      return ExitCodes.BAD_ARGS;
    }
  }

  /**
   * The order etcdctl 2.3's CLI library (codegangsta/cli of 2015) gives Go's flag parser a
   * command's words in: from the first word that starts with {@code -} (a {@code --} too) to the
   * end, then the words before it. So {@code set /k v --ttl 5} sets a TTL, {@code set -- <key>
   * <value>} takes a value that starts with {@code -}, and {@code exec-watch <key> -- <command>}
   * reaches the command as {@code <command> <key>}, which is why etcdctl's exec-watch takes the
   * last word for the key when no {@code --} is left (its source says as much). Later versions of
   * the library stop at {@code --}: etcd 3.4's etcdctl reads {@code set /k -- -v} as key {@code
   * /k}, 2.3's as key {@code -v} with value {@code /k}.
   */
  static List<String> reorder(List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).startsWith("-")) {
        List<String> out = new ArrayList<>(words.subList(i, words.size()));
        out.addAll(words.subList(0, i));
        return out;
      }
    }
    return words;
  }

  /**
   * A bad flag prints "Incorrect Usage" with the help of the command (or of the app) on stdout and
   * the reason on stderr, and exits 1.
   */
  private static int usageError(Terminal t, String lead, FlagSet.UsageError e, String help) {
    t.out().print(lead + e.getMessage() + "\n\n" + help);
    t.err().print(e.getMessage() + "\n");
    return ExitCodes.BAD_ARGS;
  }
}
