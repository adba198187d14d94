package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import picocli.CommandLine.Command;

/**
 * {@code auth disable} (CTL-072).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "disable", description = "disable auth access controls", customSynopsis = " ")
final class AuthDisableCommand extends CtlCommand {
  @Override
  void run(Session s) throws InterruptedException {
    AuthCalls.noArgs(s, args);
    AuthApi api = AuthCalls.api(s);
    AuthCalls.orExit(
        s,
        () -> {
          api.enable(false, s.deadline());
          return null;
        });
    s.out().print("Authentication Disabled\n");
  }
}
