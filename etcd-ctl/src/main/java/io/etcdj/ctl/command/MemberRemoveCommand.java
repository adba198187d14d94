package io.etcdj.ctl.command;

import io.etcdj.ctl.client.EtcdClientException;
import io.etcdj.ctl.client.Member;
import io.etcdj.ctl.client.MembersApi;
import java.util.List;

/**
 * {@code member remove <memberID>} (CTL-062): checks the ID against the member list first (a member
 * name gets a hint with its ID).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class MemberRemoveCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command(
              "remove",
              "remove an existing member from the etcd cluster",
              MemberRemoveCommand.class)
          .synopsis("<memberID>");

  @Override
  void run(Session s) throws InterruptedException {
    if (args.size() != 1) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, "Provide a single member ID");
    }
    String id = args.get(0);
    MembersApi api = new MembersApi(s.client());
    var deadline = s.deadline();
    List<Member> members;
    try {
      members = api.list(deadline);
    } catch (EtcdClientException e) {
      throw s.errors()
          .fail(
              ExitCodes.BAD_ARGS,
              "Error while verifying ID against known members: " + e.getMessage());
    }
    boolean found = false;
    for (Member m : members) {
      found |= m.id().equals(id);
      if (m.name().equals(id)) {
        s.err()
            .print(
                "Found a member named "
                    + m.name()
                    + "; if this is correct, please use its ID, eg:\n\tetcdctl member remove "
                    + m.id()
                    + "\n");
        s.err()
            .print(
                "For more details, read the documentation at"
                    + " https://github.com/etcd-io/etcd/blob/master/Documentation/runtime-configuration.md#remove-a-member\n\n");
      }
    }
    if (!found) {
      throw s.errors()
          .fail(
              ExitCodes.BAD_ARGS,
              "Couldn't find a member in the cluster with an ID of " + id + ".");
    }
    try {
      api.remove(id, deadline);
    } catch (EtcdClientException e) {
      s.err().print("Received an error trying to remove member " + id + ": " + e.getMessage());
      throw new ExitException(ExitCodes.BAD_ARGS);
    }
    s.out().print("Removed member " + id + " from cluster\n");
  }
}
