package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeyResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code watch [--forever] [--after-index N] [--recursive] <key>} (CTL-050): prints each change of
 * a file (directory events are skipped); stops after the first unless {@code --forever}, which also
 * reconnects after a member restart. Ctrl-C exits 0 (handled by the process main).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "watch", description = "watch a key for changes", customSynopsis = "<key>")
final class WatchCommand extends CtlCommand {
  @Option(
      names = {"--forever", "-forever", "-f", "--f"},
      description = "forever watch a key until CTRL+C")
  boolean forever;

  @Option(
      names = {"--after-index", "-after-index"},
      defaultValue = "0",
      description = "watch after the given index")
  long afterIndex;

  @Option(
      names = {"--recursive", "-recursive", "-r", "--r"},
      description = "returns all values for key and child keys")
  boolean recursive;

  @Override
  void run(Session s) throws InterruptedException {
    String key = requireKey(s);
    KeyWatcher w = new KeyWatcher(keys(s), key, afterIndex, recursive, forever);
    ResponsePrinter printer = s.printer();
    while (true) {
      KeyResponse resp = orExit(s, w::next);
      if (resp.node().dir()) {
        continue;
      }
      if (recursive) {
        printer.printEventHeader(resp);
      }
      printer.print(resp);
      s.out().flush();
      if (!forever) {
        return;
      }
    }
  }
}
