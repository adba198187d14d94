package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import picocli.CommandLine.Command;

/**
 * {@code user remove <user>} (CTL-070).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(
    name = "remove",
    description = "remove a user for the etcd cluster",
    customSynopsis = "<user>")
final class UserRemoveCommand extends CtlCommand {
  @Override
  void run(Session s) throws InterruptedException {
    String user = AuthCalls.userName(s, args);
    AuthApi api = AuthCalls.api(s);
    AuthCalls.orExit(
        s,
        () -> {
          api.removeUser(user, s.deadline());
          return null;
        });
    s.out().print("User " + user + " removed\n");
  }
}
