package io.etcdj.ctl.command;

import io.etcdj.ctl.client.ClusterClient;
import io.etcdj.ctl.client.Deadline;
import io.etcdj.ctl.client.EtcdClientException;
import io.etcdj.ctl.client.HealthProbe;
import io.etcdj.ctl.client.Member;
import io.etcdj.ctl.client.MembersApi;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code cluster-health [--forever]} (CTL-064): lists the members without cluster sync, asks each
 * one's {@code /health} on its first answering client URL, and sums up. Exit 0 when all are
 * healthy, else 5; {@code --forever} repeats every 10 seconds until Ctrl-C.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class ClusterHealthCommand extends CtlCommand {
  private static final Flag FOREVER =
      Flag.bool("forever, f", "forever check the health every 10 second until CTRL+C");

  static final CommandDef DEF =
      CommandDef.command(
              "cluster-health", "check the health of the etcd cluster", ClusterHealthCommand.class)
          .synopsis(" ")
          .flags(FOREVER);

  private static final Duration PERIOD = Duration.ofSeconds(10);

  @Override
  void run(Session s) throws InterruptedException {
    PrintStream out = s.out();
    ClusterClient client = s.clientNoSync();
    List<Member> members;
    try {
      members = new MembersApi(client).list(Deadline.none());
    } catch (EtcdClientException e) {
      out.print("cluster may be unhealthy: failed to list members\n");
      throw s.errors().handle(ExitCodes.SERVER_ERROR, e);
    }
    // The health requests go over the same TLS set-up as the member list, as etcdctl's (CTL-064).
    HealthProbe probe = client.healthProbe(Duration.ofSeconds(30));
    while (true) {
      int healthy = 0;
      for (Member m : members) {
        healthy += check(out, probe, m) ? 1 : 0;
      }
      if (healthy == members.size()) {
        out.print("cluster is healthy\n");
      } else if (healthy == 0) {
        out.print("cluster is unavailable\n");
      } else {
        out.print("cluster is degraded\n");
      }
      out.flush();
      if (!flags.bool(FOREVER)) {
        if (healthy != members.size()) {
          throw new ExitException(ExitCodes.CLUSTER_NOT_HEALTHY);
        }
        return;
      }
      out.print("\nnext check after 10 second...\n\n");
      out.flush();
      Thread.sleep(PERIOD.toMillis());
    }
  }

  /** Prints one member's verdict; true when it answered healthy. */
  private static boolean check(PrintStream out, HealthProbe probe, Member m)
      throws InterruptedException {
    if (m.clientUrls().isEmpty()) {
      out.print("member " + m.id() + " is unreachable: no available published client urls\n");
      return false;
    }
    for (String url : m.clientUrls()) {
      boolean healthy;
      try {
        healthy = probe.isHealthy(url);
      } catch (EtcdClientException e) {
        out.print(
            "failed to check the health of member "
                + m.id()
                + " on "
                + url
                + ": "
                + e.getMessage()
                + "\n");
        continue;
      }
      if (healthy) {
        out.print("member " + m.id() + " is healthy: got healthy result from " + url + "\n");
      } else {
        out.print("member " + m.id() + " is unhealthy: got unhealthy result from " + url + "\n");
      }
      return healthy;
    }
    out.print(
        "member "
            + m.id()
            + " is unreachable: ["
            + String.join(" ", m.clientUrls())
            + "] are all unreachable\n");
    return false;
  }
}
