package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code user revoke <user> --roles r1 [--roles r2]} (CTL-070).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "revoke", description = "revoke roles for an etcd user", customSynopsis = "<user>")
final class UserRevokeCommand extends CtlCommand {
  @Option(
      names = {"--roles", "-roles"},
      description = "List of roles to grant or revoke")
  List<String> roles = new ArrayList<>();

  @Override
  void run(Session s) throws InterruptedException {
    if (roles.isEmpty()) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, "No roles specified; please use `--roles`");
    }
    String user = AuthCalls.userName(s, args);
    AuthApi api = AuthCalls.api(s);
    AuthCalls.orExit(
        s,
        () -> {
          api.revokeUser(user, roles, s.deadline());
          return null;
        });
    s.out().print("User " + user + " updated\n");
  }
}
