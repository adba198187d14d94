package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import io.etcdj.ctl.client.EtcdClientException;
import java.util.List;

/**
 * What {@code user grant} and {@code user revoke} share (CTL-070): the {@code --roles} option, the
 * checks, and the {@code User <u> updated} line; subclasses say which change to send.
 *
 * <p>Not thread-safe: one instance per run.
 */
abstract class UserRoleChange extends CtlCommand {
  static final Flag ROLES = Flag.stringList("roles", "List of roles to grant or revoke");

  /** Sends the change for these roles. */
  abstract void change(AuthApi api, String user, List<String> roles, Session s)
      throws EtcdClientException, InterruptedException;

  @Override
  final void run(Session s) throws InterruptedException {
    List<String> roles = flags.strings(ROLES);
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
