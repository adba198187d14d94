package io.etcdj.ctl.command;

/**
 * {@code help [command [subcommand]]}: the help of the app or of one command; an unknown name
 * prints {@code No help topic for '<name>'} and exits 3, as etcdctl does.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class HelpCommand extends CtlCommand {
  static final CommandDef DEF =
      CommandDef.command(
              "help", "Shows a list of commands or help for one command", HelpCommand.class)
          .aliases("h")
          .synopsis("[command]");

  @Override
  void run(Session s) {
    CommandDef target = EtcdctlCommand.APP;
    String name = "etcdctl";
    for (String topic : args) {
      CommandDef sub = target.child(topic);
      if (sub == null) {
        s.err().print("No help topic for '" + topic + "'\n");
        throw new ExitException(ExitCodes.BAD_AUTH);
      }
      target = sub;
      name += " " + sub.name();
    }
    s.out()
        .print(
            target == EtcdctlCommand.APP
                ? UrfaveHelp.app(target)
                : UrfaveHelp.command(target, name));
  }
}
