package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code get [--sort] [--quorum] <key>} (CTL-040): prints the value; a directory is an error.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "get", description = "retrieve the value of a key", customSynopsis = "<key>")
final class GetCommand extends CtlCommand {
  @Option(
      names = {"--sort", "-sort"},
      description = "returns result in sorted order")
  boolean sort;

  @Option(
      names = {"--quorum", "-quorum", "-q", "--q"},
      description = "require quorum for get request")
  boolean quorum;

  @Override
  void run(Session s) throws InterruptedException {
    String key = requireKey(s);
    KeysApi keys = keys(s);
    KeyResponse resp = orExit(s, () -> keys.get(key, false, sort, quorum, s.deadline()));
    if (resp.node().dir()) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, resp.node().key() + ": is a directory");
    }
    s.printer().print(resp);
  }
}
