package io.etcdj.ctl.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code role revoke <role> --path <p> --read|--write|--readwrite} (CTL-071).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(
    name = "revoke",
    description = "revoke path matches for an etcd role",
    customSynopsis = "<role>")
final class RoleRevokeCommand extends CtlCommand {
  @Option(
      names = {"--path", "-path"},
      defaultValue = "",
      description = "Path revoked for the role to access")
  String path;

  @Option(
      names = {"--read", "-read"},
      description = "Revoke read access")
  boolean read;

  @Option(
      names = {"--write", "-write"},
      description = "Revoke write access")
  boolean write;

  @Option(
      names = {"--readwrite", "-readwrite", "--rw", "-rw"},
      description = "Revoke read-write access")
  boolean readWrite;

  @Override
  void run(Session s) throws InterruptedException {
    RolePermissionChange.apply(s, args, false, path, read, write, readWrite);
  }
}
