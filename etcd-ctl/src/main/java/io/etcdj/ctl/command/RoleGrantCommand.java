package io.etcdj.ctl.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code role grant <role> --path <p> --read|--write|--readwrite} (CTL-071).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(
    name = "grant",
    description = "grant path matches to an etcd role",
    customSynopsis = "<role>")
final class RoleGrantCommand extends CtlCommand {
  @Option(
      names = {"--path", "-path"},
      defaultValue = "",
      description = "Path granted for the role to access")
  String path;

  @Option(
      names = {"--read", "-read"},
      description = "Grant read-only access")
  boolean read;

  @Option(
      names = {"--write", "-write"},
      description = "Grant write-only access")
  boolean write;

  @Option(
      names = {"--readwrite", "-readwrite", "--rw", "-rw"},
      description = "Grant read-write access")
  boolean readWrite;

  @Override
  void run(Session s) throws InterruptedException {
    RolePermissionChange.apply(s, args, true, path, read, write, readWrite);
  }
}
