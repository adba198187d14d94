package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;
import io.etcdj.ctl.client.KeysApi.DeleteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rm <key> [--dir] [--recursive] [--with-value] [--with-index]} (CTL-048): prints the old
 * value of a removed file; removing a directory is silent in simple mode.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "rm", description = "remove a key or a directory", customSynopsis = "<key>")
final class RmCommand extends CtlCommand {
  @Option(
      names = {"--dir", "-dir"},
      description = "removes the key if it is an empty directory or a key-value pair")
  boolean dir;

  @Option(
      names = {"--recursive", "-recursive", "-r", "--r"},
      description = "removes the key and all child keys(if it is a directory)")
  boolean recursive;

  @Option(
      names = {"--with-value", "-with-value"},
      defaultValue = "",
      description = "previous value")
  String withValue;

  @Option(
      names = {"--with-index", "-with-index"},
      defaultValue = "0",
      description = "previous index")
  long withIndex;

  @Override
  void run(Session s) throws InterruptedException {
    String key = requireKey(s);
    KeysApi keys = keys(s);
    DeleteOptions o = new DeleteOptions(withValue, withIndex, dir, recursive);
    print(s, orExit(s, () -> keys.delete(key, o, s.deadline())));
  }

  /** Directories are not printed in simple mode (shared with {@code rmdir}, CTL-049). */
  static void print(Session s, KeyResponse resp) {
    if (!resp.node().dir() || !s.printer().isSimple()) {
      s.printer().print(resp);
    }
  }
}
