package io.etcdj.ctl.command;

import io.etcdj.ctl.client.EtcdClientException;
import io.etcdj.ctl.client.Member;
import io.etcdj.ctl.client.MembersApi;
import java.util.List;

/**
 * {@code member list} (CTL-060): one line per member, marking the leader.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class MemberListCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("list", "enumerate existing cluster members", MemberListCommand.class)
          .synopsis(" ");

  @Override
  void run(Session s) throws InterruptedException {
    if (!args.isEmpty()) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, "No arguments accepted");
    }
    MembersApi api = new MembersApi(s.client());
    var deadline = s.deadline();
    List<Member> members;
    try {
      members = api.list(deadline);
    } catch (EtcdClientException e) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, e.getMessage());
    }
    Member leader;
    try {
      leader = api.leader(deadline);
    } catch (EtcdClientException e) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, "Failed to get leader:  " + e.getMessage());
    }
    for (Member m : members) {
      if (m.name().isEmpty()) {
        s.out().print(m.id() + "[unstarted]: peerURLs=" + String.join(",", m.peerUrls()) + "\n");
      } else {
        s.out()
            .print(
                m.id()
                    + ": name="
                    + m.name()
                    + " peerURLs="
                    + String.join(",", m.peerUrls())
                    + " clientURLs="
                    + String.join(",", m.clientUrls())
                    + " isLeader="
                    + m.id().equals(leader.id())
                    + "\n");
      }
    }
  }
}
