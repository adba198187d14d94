package io.etcdj.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CTL-004: {@code --username user} (or {@code ETCDCTL_USERNAME}) without a colon asks {@code
 * Password: } as etcdctl does, {@code user:pass} is used as given, and every request of the command
 * carries the pair as HTTP Basic auth. In-process, with stdin not a terminal ({@link NotATerminal}
 * stands for stty); {@link PasswordPromptProcessTest} runs the process with the real stty.
 * Expectations observed with {@code ETCDCTL_API=2 etcdctl} against a fake member like this one.
 */
class PasswordPromptTest {
  private static final String STTY = NotATerminal.STTY_COMPLAINT.repeat(2);

  @Test
  void userWithPasswordIsSentOnEveryRequestWithoutAPrompt() throws Exception {
    try (FakeMember member = FakeMember.start()) {
      CtlRun.Result r = CtlRun.run("--endpoints", member.url(), "-u", "alice:secret", "get", "/k");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).isEqualTo("v\n");
      assertThat(r.err()).isEmpty();
      assertEveryRequestAuthenticates(member, "alice:secret");
    }
  }

  @Test
  void userAloneIsAskedForThePassword() throws Exception {
    try (FakeMember member = FakeMember.start()) {
      CtlRun.Result r = run(member, Map.of(), "secret\n", "-u", "alice", "get", "/k");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).isEqualTo("Password: \nv\n");
      assertThat(r.err()).isEqualTo(STTY);
      assertEveryRequestAuthenticates(member, "alice:secret");
    }
  }

  @Test
  void userFromTheEnvironmentIsAskedForThePasswordToo() throws Exception {
    try (FakeMember member = FakeMember.start()) {
      CtlRun.Result r = run(member, Map.of("ETCDCTL_USERNAME", "alice"), "secret\n", "get", "/k");
      assertThat(r.out()).isEqualTo("Password: \nv\n");
      assertThat(r.err()).isEqualTo(STTY);
      assertEveryRequestAuthenticates(member, "alice:secret");
    }
  }

  /** Go's strings.TrimSpace: the no-break space counts, white space inside stays. */
  @Test
  void passwordLineLosesItsSurroundingWhiteSpace() throws Exception {
    try (FakeMember member = FakeMember.start()) {
      run(member, Map.of(), " \tsec\rret\u00a0\r\nnext line", "-u", "alice", "get", "/k");
      assertEveryRequestAuthenticates(member, "alice:sec\rret");
    }
  }

  @Test
  void endOfInputIsAnEmptyPassword() throws Exception {
    try (FakeMember member = FakeMember.start()) {
      CtlRun.Result r = run(member, Map.of(), "", "-u", "alice", "get", "/k");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).isEqualTo("Password: \nv\n");
      assertThat(r.err()).isEqualTo(STTY);
      assertEveryRequestAuthenticates(member, "alice:");
    }
  }

  @Test
  void theFirstColonEndsTheUserName() throws Exception {
    try (FakeMember member = FakeMember.start()) {
      CtlRun.Result r = run(member, Map.of(), "", "-u", "alice:b:c", "get", "/k");
      assertThat(r.out()).isEqualTo("v\n");
      assertEveryRequestAuthenticates(member, "alice:b:c");
    }
    try (FakeMember member = FakeMember.start()) {
      CtlRun.Result r = run(member, Map.of(), "", "-u", "alice:", "get", "/k");
      assertThat(r.out()).isEqualTo("v\n");
      assertThat(r.err()).isEmpty();
      assertEveryRequestAuthenticates(member, "alice:");
    }
  }

  /** etcdctl connects (prompt, then sync) before a key command looks at its arguments. */
  @Test
  void thePromptComesBeforeTheArgumentsAreChecked() throws Exception {
    try (FakeMember member = FakeMember.start()) {
      CtlRun.Result r = run(member, Map.of(), "secret\n", "-u", "alice", "get");
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.out()).isEqualTo("Password: \n");
      assertThat(r.err()).isEqualTo(STTY + "Error:  key required\n");
      assertThat(member.requests())
          .extracting(FakeMember.Request::target)
          .containsExactly("/v2/members");
    }
  }

  /** A value read from stdin is what follows the password line. */
  @Test
  void aValueOnStdinFollowsThePasswordLine() throws Exception {
    try (FakeMember member = FakeMember.start()) {
      CtlRun.Result r = run(member, Map.of(), "secret\nthe value\n", "-u", "alice", "set", "/k");
      assertThat(r.exit()).isZero();
      assertEveryRequestAuthenticates(member, "alice:secret");
      assertThat(member.requests().get(1).body()).isEqualTo("value=the+value%0A");
    }
  }

  private static CtlRun.Result run(
      FakeMember member, Map<String, String> env, String stdin, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--endpoints";
    all[1] = member.url();
    System.arraycopy(args, 0, all, 2, args.length);
    return CtlRun.run(env, stdin, all);
  }

  /** The sync and the request itself, each with the same Basic credentials. */
  static void assertEveryRequestAuthenticates(FakeMember member, String userColonPassword) {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    List<FakeMember.Request> requests = member.requests();
    assertThat(requests)
        .extracting(FakeMember.Request::target)
        .hasSize(2)
        .first()
        .isEqualTo("/v2/members");
    assertThat(requests).extracting(FakeMember.Request::authorization).containsOnly(basic);
  }
}
