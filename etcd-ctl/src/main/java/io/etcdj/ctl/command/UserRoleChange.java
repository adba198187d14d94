package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import io.etcdj.ctl.client.EtcdClientException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What {@code user grant} and {@code user revoke} share (CTL-070): the {@code --roles} option, the
 * checks, and the {@code User <u> updated} line; subclasses say which change to send.
 *
 * <p>Not thread-safe: one instance per run.
 */
abstract class UserRoleChange extends CtlCommand {
  @Option(
      names = {"--roles", "-roles"},
      description = "List of roles to grant or revoke")
  List<String> roles = new ArrayList<>();

  /** Sends the change for these roles. */
  abstract void change(AuthApi api, String user, List<String> roles, Session s)
      throws EtcdClientException, InterruptedException;

  @Override
  final void run(Session s) throws InterruptedException {
    if (roles.isEmpty()) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, "No roles specified; please use `--roles`");
    }
    String user = AuthCalls.userName(s, args);
    AuthApi api = AuthCalls.api(s);
    AuthCalls.orExit(
        s,
        () -> {
          change(api, user, roles, s);
          return null;
        });
    s.out().print("User " + user + " updated\n");
  }
}
