package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import io.etcdj.ctl.client.ClusterClient;
import io.etcdj.ctl.client.EtcdClientException;
import java.util.List;

/**
 * What the user, role and auth commands share (CTL-070..073): the one-name argument check, the API
 * handle, and the rule that a failure prints the server's message and exits 1.
 *
 * <p>Stateless; thread-safe.
 */
final class AuthCalls {
  private AuthCalls() {}

  /** A call whose failure prints its message alone and exits 1. */
  interface Call<T> {
    T call() throws EtcdClientException, InterruptedException;
  }

  static <T> T orExit(Session s, Call<T> call) throws InterruptedException {
    try {
      return call.call();
    } catch (EtcdClientException e) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, e.getMessage());
    }
  }

  /** The single name argument, or {@code missing} with exit 1. */
  static String oneName(Session s, List<String> args, String missing) {
    if (args.size() != 1) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, missing);
    }
    return args.get(0);
  }

  static String userName(Session s, List<String> args) {
    return oneName(s, args, "Please provide a username");
  }

  static String roleName(Session s, List<String> args) {
    return oneName(s, args, "Please provide a role name");
  }

  static void noArgs(Session s, List<String> args) {
    if (!args.isEmpty()) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, "No arguments accepted");
    }
  }

  /**
   * The auth API on a synced client. Q: etcdctl's user, role and auth commands print the {@code
   * --debug} endpoint line a second time here.
   */
  static AuthApi api(Session s) throws InterruptedException {
    ClusterClient c = s.client();
    if (s.debug()) {
      s.err().print("Cluster-Endpoints: " + String.join(", ", c.endpoints()) + "\n");
    }
    return new AuthApi(c);
  }
}
