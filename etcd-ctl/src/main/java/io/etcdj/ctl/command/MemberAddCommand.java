package io.etcdj.ctl.command;

import io.etcdj.ctl.client.EtcdClientException;
import io.etcdj.ctl.client.GoText;
import io.etcdj.ctl.client.Member;
import io.etcdj.ctl.client.MembersApi;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code member add <name> <peerURL>} (CTL-061): adds the member, then prints the environment the
 * new member must start with.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class MemberAddCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("add", "add a new member to the etcd cluster", MemberAddCommand.class)
          .synopsis("<name> <peerURL>");

  @Override
  void run(Session s) throws InterruptedException {
    if (args.size() != 2) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, "Provide a name and a single member peerURL");
    }
    MembersApi api = new MembersApi(s.client());
    String name = args.get(0);
    var deadline = s.deadline();
    Member added;
    List<Member> members;
    try {
      added = api.add(args.get(1), deadline);
      s.out().print("Added member named " + name + " with ID " + added.id() + " to cluster\n");
      members = api.list(deadline);
    } catch (EtcdClientException e) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, e.getMessage());
    }
    List<String> conf = new ArrayList<>();
    for (Member m : members) {
      for (String u : m.peerUrls()) {
        conf.add((m.id().equals(added.id()) ? name : m.name()) + "=" + u);
      }
    }
    s.out().print("\n");
    s.out().print("ETCD_NAME=" + GoText.quote(name) + "\n");
    s.out().print("ETCD_INITIAL_CLUSTER=" + GoText.quote(String.join(",", conf)) + "\n");
    s.out().print("ETCD_INITIAL_CLUSTER_STATE=\"existing\"\n");
  }
}
