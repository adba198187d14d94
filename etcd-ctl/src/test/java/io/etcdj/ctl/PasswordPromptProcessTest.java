package io.etcdj.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CTL-004 with the etcdctl process: its password prompt runs the real {@code stty} on the process's
 * own streams, as etcdctl does, so when stdin is not a terminal stty's complaint appears twice on
 * stderr (off, then on) and the password is read anyway; Ctrl-C while it waits exits 255 (Go's
 * {@code os.Exit(-1)}) without ending the prompt line. Observed with {@code ETCDCTL_API=2 etcdctl}
 * the same way (stdin from a file or an idle pipe).
 */
class PasswordPromptProcessTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  void sttyComplainsTwiceWhenStdinIsAFile(@TempDir Path tmp) throws Exception {
    Path stdin = Files.writeString(tmp.resolve("stdin"), "secret\n");
    String complaint = sttyComplaint(stdin);
    try (FakeMember member = FakeMember.start();
        CtlProcess ctl =
            CtlProcess.startWithStdin(
                tmp, stdin, "--endpoints", member.url(), "-u", "alice", "get", "/k")) {
      assertThat(ctl.awaitExit(LIMIT)).isZero();
      assertThat(ctl.out()).isEqualTo("Password: \nv\n");
      assertThat(ctl.err()).isEqualTo(complaint + complaint);
      PasswordPromptTest.assertEveryRequestAuthenticates(member, "alice:secret");
    }
  }

  @Test
  void interruptWhileAskingExitsWith255(@TempDir Path tmp) throws Exception {
    Path probe = Files.writeString(tmp.resolve("probe"), "");
    String complaint = sttyComplaint(probe);
    try (FakeMember member = FakeMember.start();
        CtlProcess ctl = CtlProcess.start(tmp, "--endpoints", member.url(), "-u", "alice", "ls")) {
      // stdin is a pipe nobody writes to: the prompt waits. The first complaint means the echo
      // is off, and the prompt's signal handlers are in place.
      assertThat(ctl.awaitErr(e -> e.equals(complaint), LIMIT)).isEqualTo(complaint);
      ctl.interrupt();
      assertThat(ctl.awaitExit(LIMIT)).as("exit code after Ctrl-C").isEqualTo(255);
      assertThat(ctl.out()).isEqualTo("Password: ");
      assertThat(ctl.err()).isEqualTo(complaint + complaint);
      assertThat(member.requests()).isEmpty();
    }
  }

  /**
   * What {@code stty -echo} says here when its stdin is {@code file} (nothing on a system without
   * stty).
   */
  private static String sttyComplaint(Path file) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("stty", "-echo").redirectInput(file.toFile()).start();
    } catch (IOException e) {
      p = null;
    }
    Assumptions.assumeTrue(p != null, "stty is not installed");
    p.getInputStream().close();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Assumptions.assumeFalse(err.isEmpty(), "stty accepts a file as a terminal here");
    return err;
  }
}
