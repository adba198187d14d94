package io.etcdj.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch --forever} and {@code exec-watch} keep watching across a restart of the member (they
 * reconnect to the same URL and resume after the last event seen) and stop with exit code 0 on
 * Ctrl-C (SIGINT), as etcdctl v2 does (CTL-050, CTL-051). etcdctl runs as its own process here so
 * that a real signal can be sent to it.
 */
class WatchReconnectTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  /** CTL-050: a forever watch prints events before and after a member restart, then Ctrl-C. */
  @Test
  void watchForeverSurvivesMemberRestartAndStopsOnCtrlC(@TempDir Path tmp) throws Exception {
    try (TestMember member = TestMember.start(tmp);
        CtlProcess watch =
            CtlProcess.start(tmp, "--endpoints", member.clientUrl(), "watch", "--forever", "/k")) {
      // The watch may start after a first write; keep writing until one is seen.
      String out = setUntilSeen(member, watch, "before");
      assertThat(out).contains("before\n");

      member.restart();
      out = setUntilSeen(member, watch, "after");
      assertThat(out).contains("before\n").contains("after\n");
      assertThat(watch.isAlive()).as("watch still running").isTrue();

      watch.interrupt();
      assertThat(watch.awaitExit(LIMIT)).as("exit code after Ctrl-C").isEqualTo(0);
      assertThat(watch.err()).isEmpty();
    }
  }

  /** CTL-051: exec-watch runs the command per event, across a restart, and stops on Ctrl-C. */
  @Test
  void execWatchRunsCommandAcrossMemberRestartAndStopsOnCtrlC(@TempDir Path tmp) throws Exception {
    Path log = tmp.resolve("events.log");
    String script =
        "echo \"$ETCD_WATCH_ACTION $ETCD_WATCH_KEY $ETCD_WATCH_VALUE\" >> '" + log + "'";
    try (TestMember member = TestMember.start(tmp);
        CtlProcess exec =
            CtlProcess.start(
                tmp,
                "--endpoints",
                member.clientUrl(),
                "exec-watch",
                "/e",
                "--",
                "sh",
                "-c",
                script)) {
      String events = setUntilLogged(member, log, "/e", "one");
      assertThat(events).contains("set /e one\n");

      member.restart();
      events = setUntilLogged(member, log, "/e", "two");
      assertThat(events).contains("set /e one\n").contains("set /e two\n");

      exec.interrupt();
      assertThat(exec.awaitExit(LIMIT)).as("exit code after Ctrl-C").isEqualTo(0);
    }
  }

  /**
   * Writes {@code /k=value} repeatedly (at most once per half second, bounded by the limit) until
   * the watch prints it: the watch process may not be listening yet when the first write lands.
   */
  private static String setUntilSeen(TestMember member, CtlProcess watch, String value)
      throws Exception {
    String out = "";
    for (int i = 0; i < LIMIT.toMillis() / 500 && !out.contains(value + "\n"); i++) {
      CtlRun.run("--endpoints", member.clientUrl(), "set", "/k", value);
      out = watch.awaitOut(o -> o.contains(value + "\n"), Duration.ofMillis(500));
    }
    return out;
  }

  private static String setUntilLogged(TestMember member, Path log, String key, String value)
      throws Exception {
    String text = "";
    String want = "set " + key + " " + value + "\n";
    for (int i = 0; i < LIMIT.toMillis() / 500 && !text.contains(want); i++) {
      CtlRun.run("--endpoints", member.clientUrl(), "set", key, value);
      text = CtlProcess.await(log, t -> t.contains(want), Duration.ofMillis(500));
    }
    return text;
  }
}
