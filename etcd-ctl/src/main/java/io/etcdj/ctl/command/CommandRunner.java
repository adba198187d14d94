package io.etcdj.ctl.command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Parses an etcdctl command line and runs it, returning the exit code instead of exiting, so that
 * tests can run etcdctl in-process. Usage errors are reported as etcdctl reports them.
 *
 * <p>Not thread-safe: build one per run (each run gets fresh command objects).
 */
public final class CommandRunner {
  private CommandRunner() {}

  /** Runs {@code args} against {@code terminal}; returns the exit code (CTL-020). */
  public static int run(String[] args, Terminal terminal) {
    CommandLine cl = new CommandLine(new EtcdctlCommand(terminal));
    SubcommandChoice.register(cl, args); // before the settings below, which apply to those added
    cl.setPosixClusteredShortOptionsAllowed(false);
    // Go's flag parser lets a repeated flag override the earlier one.
    cl.setOverwrittenOptionsAllowed(true);
    cl.setOut(new PrintWriter(terminal.out(), true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(terminal.err(), true, StandardCharsets.UTF_8));
    cl.setExecutionStrategy(pr -> execute(pr, terminal));
    cl.setParameterExceptionHandler((e, a) -> usageError(e, terminal));
    cl.setExecutionExceptionHandler(
        (e, c, pr) -> {
          if (e instanceof ExitException exit) {
            return exit.code();
          }
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return ExitCodes.SUCCESS;
          }
          terminal.err().print("Error:  " + e + "\n");
          return ExitCodes.BAD_ARGS;
        });
    try {
      return cl.execute(args);
    } finally {
      terminal.out().flush();
      terminal.err().flush();
    }
  }

  private static int execute(ParseResult pr, Terminal terminal) {
    // picocli lets unknown flags pass when help or the version is asked for; Go's flag parser
    // refuses them first, whatever else the line holds.
    for (ParseResult r = pr; r != null; r = r.hasSubcommand() ? r.subcommand() : null) {
      if (!r.unmatched().isEmpty() && r.unmatched().get(0).startsWith("-")) {
        return usageError(
            new UnmatchedArgumentException(r.commandSpec().commandLine(), r.unmatched()), terminal);
      }
    }
    ParseResult last = pr;
    while (true) {
      if (last.isUsageHelpRequested()) {
        CommandSpec spec = last.commandSpec();
        terminal.out().print(help(spec));
        return ExitCodes.SUCCESS;
      }
      if (last.isVersionHelpRequested()) {
        // CTL-009: the 2.3 form of the version line.
        terminal.out().print("etcdctl version " + EtcdctlCommand.VERSION + "\n");
        return ExitCodes.SUCCESS;
      }
      if (!last.hasSubcommand()) {
        break;
      }
      last = last.subcommand();
    }
    CommandSpec spec = last.commandSpec();
    if (!(spec.userObject() instanceof java.util.concurrent.Callable<?>)) {
      terminal.out().print(help(spec));
      return ExitCodes.SUCCESS;
    }
    return new CommandLine.RunLast().execute(pr);
  }

  private static String help(CommandSpec spec) {
    if (spec.parent() == null) {
      return UrfaveHelp.app(SubcommandChoice.withAll(spec));
    }
    return spec.subcommands().isEmpty() ? UrfaveHelp.command(spec) : UrfaveHelp.group(spec);
  }

  /**
   * Unknown commands exit 3; bad flags print "Incorrect Usage" with the help of the command (or of
   * the app for global flags) on stdout, the reason on stderr, and exit 1.
   */
  private static int usageError(ParameterException e, Terminal terminal) {
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    if (e instanceof UnmatchedArgumentException u
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      terminal.err().print("No help topic for '" + u.getUnmatched().get(0) + "'\n");
      return ExitCodes.BAD_AUTH;
    }
    String reason;
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      reason = "flag provided but not defined: -" + goFlagName(u.getUnmatched().get(0));
    } else if (e.getArgSpec() instanceof OptionSpec o && e.getValue() != null) {
      reason =
          "invalid value \""
              + e.getValue()
              + "\" for flag -"
              + goFlagName(o.longestName())
              + ": parse error";
    } else {
      reason = e.getMessage();
    }
    // urfave/cli runs the app and each command group (member, user, role, auth) as an app of its
    // own, which ends this sentence with a period; a single command ends it with a colon.
    boolean app = spec.parent() == null || !spec.subcommands().isEmpty();
    String separator = app ? "Incorrect Usage. " : "Incorrect Usage: ";
    terminal.out().print(separator + reason + "\n\n" + help(spec));
    terminal.err().print(reason + "\n");
    return ExitCodes.BAD_ARGS;
  }

  /** The flag as Go's flag package names it in errors: no leading dashes, no value. */
  private static String goFlagName(String arg) {
    return arg.replaceFirst("^-+", "").replaceFirst("=.*$", "");
  }
}
