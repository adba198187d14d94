package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ls [--sort] [--recursive] [-p] [--quorum] [key]} (CTL-041).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "ls", description = "retrieve a directory", customSynopsis = "[key]")
final class LsCommand extends CtlCommand {
  @Option(
      names = {"--sort", "-sort"},
      description = "returns result in sorted order")
  boolean sort;

  @Option(
      names = {"--recursive", "-recursive", "-r", "--r"},
      description = "returns all key names recursively for the given path")
  boolean recursive;

  @Option(
      names = {"-p", "--p"},
      description = "append slash (/) to directories")
  boolean slash;

  @Option(
      names = {"--quorum", "-quorum", "-q", "--q"},
      description = "require quorum for get request")
  boolean quorum;

  @Override
  void run(Session s) throws InterruptedException {
    String key = args.isEmpty() ? "/" : args.get(0);
    KeysApi keys = keys(s);
    KeyResponse resp = orExit(s, () -> keys.get(key, recursive, sort, quorum, s.deadline()));
    s.printer().printLs(resp, slash);
  }
}
