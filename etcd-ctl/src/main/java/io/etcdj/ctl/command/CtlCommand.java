package io.etcdj.ctl.command;

import io.etcdj.ctl.client.EtcdClientException;
import io.etcdj.ctl.client.KeysApi;
import java.io.IOException;
import java.util.List;

/**
 * Base of every etcdctl command that runs: holds the run's {@link Session}, the values its flags
 * were given and the positional arguments, which each command checks itself to print etcdctl's own
 * messages ({@code key required}, CTL-040).
 *
 * <p>Not thread-safe: one instance per run.
 */
abstract class CtlCommand {
  // Flags several commands have, with the same help.
  static final Flag TTL = Flag.integer("ttl", "0", "key time-to-live in seconds");
  static final Flag SORT = Flag.bool("sort", "returns result in sorted order");
  static final Flag QUORUM = Flag.bool("quorum, q", "require quorum for get request");
  static final Flag AFTER_INDEX = Flag.integer("after-index", "0", "watch after the given index");

  /** The words after the command's flags. */
  List<String> args = List.of();

  /** The command's flags as this run gave them. */
  FlagSet flags;

  private EtcdctlCommand app;

  /** Called once by the runner before {@link #run}. */
  final void bind(EtcdctlCommand app, FlagSet flags) {
    this.app = app;
    this.flags = flags;
    this.args = flags.args();
  }

  abstract void run(Session s) throws Exception;

  Session session() {
    return app.session();
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
