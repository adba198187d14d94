package io.etcdj.ctl.command;

import io.etcdj.ctl.client.EtcdClientException;
import io.etcdj.ctl.client.MembersApi;
import java.util.List;

/**
 * {@code member update <memberID> <peerURLs>} (CTL-063).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class MemberUpdateCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command(
              "update", "update an existing member in the etcd cluster", MemberUpdateCommand.class)
          .synopsis("<memberID> <peerURLs>");

  @Override
  void run(Session s) throws InterruptedException {
    if (args.size() != 2) {
      throw s.errors()
          .fail(
              ExitCodes.BAD_ARGS,
              "Provide an ID and a list of comma separated peerURL (0xabcd"
                  + " http://example.com,http://example1.com)");
    }
    MembersApi api = new MembersApi(s.client());
    String id = args.get(0);
    try {
      api.update(id, List.of(args.get(1).split(",", -1)), s.deadline());
    } catch (EtcdClientException e) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, e.getMessage());
    }
    s.out().print("Updated member with ID " + id + " in cluster\n");
  }
}
