package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import picocli.CommandLine.Command;

/**
 * {@code auth enable} (CTL-072).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "enable", description = "enable auth access controls", customSynopsis = " ")
final class AuthEnableCommand extends CtlCommand {
  @Override
  void run(Session s) throws InterruptedException {
    AuthCalls.noArgs(s, args);
    AuthApi api = AuthCalls.api(s);
    AuthCalls.orExit(
        s,
        () -> {
          api.enable(true, s.deadline());
          return null;
        });
    s.out().print("Authentication Enabled\n");
  }
}
