package io.etcdj.ctl.command;

import io.etcdj.ctl.client.EtcdClientException;
import io.etcdj.ctl.client.KeysApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Base of every etcdctl subcommand: gives access to the run's {@link Session} and collects the
 * positional arguments, which each command checks itself to print etcdctl's own messages ({@code
 * key required}, CTL-040).
 *
 * <p>Not thread-safe: one instance per run.
 */
abstract class CtlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", hidden = true)
  List<String> args = new ArrayList<>();

  @Option(
      names = {"--help", "-help", "-h", "--h"},
      usageHelp = true,
      hidden = true,
      description = "show help")
  boolean help;

  @Override
  public final Integer call() throws Exception {
    run(session());
    return ExitCodes.SUCCESS;
  }

  abstract void run(Session s) throws Exception;

  Session session() {
    return ((EtcdctlCommand) spec.root().userObject()).session();
  }

  /** The first argument, or {@code Error: key required} with exit 1. */
  String requireKey(Session s) {
    if (args.isEmpty()) {
      throw s.errors().handle(ExitCodes.BAD_ARGS, new IllegalArgumentException("key required"));
    }
    return args.get(0);
  }

  /** CTL-042: the value argument, else all of stdin; none at all is {@code value required}. */
  String requireValue(Session s) {
    if (args.size() > 1) {
      return args.get(1);
    }
    String v = "";
    try {
      v = s.terminal().readAllStdin();
    } catch (IOException e) {
      v = "";
    }
    if (v.isEmpty()) {
      throw s.errors().handle(ExitCodes.BAD_ARGS, new IllegalArgumentException("value required"));
    }
    return v;
  }

  KeysApi keys(Session s) throws InterruptedException {
    return new KeysApi(s.client());
  }

  /** A request whose failure is a server error (exit 4), as for every key command. */
  interface KeyCall<T> {
    T call() throws EtcdClientException, InterruptedException;
  }

  static <T> T orExit(Session s, KeyCall<T> call) throws InterruptedException {
    try {
      return call.call();
    } catch (EtcdClientException e) {
      throw s.errors().handle(ExitCodes.SERVER_ERROR, e);
    }
  }
}
