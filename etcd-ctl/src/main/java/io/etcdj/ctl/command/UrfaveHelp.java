package io.etcdj.ctl.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders help in the layout of the Go CLI library etcdctl v2 is built on (sections {@code NAME},
 * {@code USAGE}, {@code COMMANDS}, {@code OPTIONS}, two-space aligned columns), so that {@code
 * etcdctl help} reads like the original.
 *
 * <p>Stateless; thread-safe.
 */
final class UrfaveHelp {
  private UrfaveHelp() {}

  /** The top-level help: {@code etcdctl}, {@code etcdctl help}, {@code etcdctl --help}. */
  static String app(CommandDef root) {
    StringBuilder s = new StringBuilder();
    s.append("NAME:\n   etcdctl - ").append(root.description()).append("\n\n");
    s.append("USAGE:\n   etcdctl [global options] command [command options] [arguments...]\n\n");
    s.append("VERSION:\n   ").append(EtcdctlCommand.VERSION).append("\n\n");
    s.append("COMMANDS:\n");
    s.append(commandTable(root, true));
    s.append("\nGLOBAL OPTIONS:\n");
    String table = optionTable(root.flags());
    // Unlike a command's, the app template ends right after the last option.
    return s.append(table, 0, table.length() - "   \n".length()).toString();
  }

  /** Help of a group such as {@code member} when run without a subcommand. */
  static String group(CommandDef group, String name) {
    StringBuilder s = new StringBuilder();
    s.append("NAME:\n   ").append(name).append(" - ").append(group.description()).append("\n\n");
    s.append("USAGE:\n   ").append(name).append(" command [command options] [arguments...]\n\n");
    s.append("COMMANDS:\n").append(commandTable(group, false)).append('\n');
    s.append("OPTIONS:\n   --help, -h  show help\n   \n");
    return s.toString();
  }

  /**
   * Help of one command ({@code etcdctl help get}, {@code etcdctl get --help}).
   *
   * @param name the command as the user types it after etcdctl's own name ({@code etcdctl member
   *     list})
   */
  static String command(CommandDef cmd, String name) {
    List<Flag> flags = new ArrayList<>(cmd.flags());
    flags.remove(Flag.HELP); // urfave/cli adds it to every command without listing it
    StringBuilder s = new StringBuilder();
    s.append("NAME:\n   ").append(name).append(" - ").append(cmd.description()).append("\n\n");
    s.append("USAGE:\n   ").append(name);
    if (!flags.isEmpty()) {
      s.append(" [command options]");
    }
    s.append(' ').append(cmd.synopsis());
    if (!cmd.footer().isEmpty()) {
      s.append("\n\nDESCRIPTION:\n   ").append(String.join("\n", cmd.footer()));
    }
    if (!flags.isEmpty()) {
      s.append("\n\nOPTIONS:\n").append(optionTable(flags));
      return s.toString();
    }
    return s.append('\n').toString();
  }

  private static String commandTable(CommandDef parent, boolean withHelp) {
    List<String[]> rows = new ArrayList<>();
    for (CommandDef sub : parent.children()) {
      if (sub.isHidden() || (!withHelp && sub.name().equals("help"))) {
        continue;
      }
      String name = sub.name();
      if (!sub.aliases().isEmpty()) {
        name += ", " + String.join(", ", sub.aliases());
      }
      rows.add(new String[] {name, sub.description()});
    }
    return table(rows);
  }

  private static String optionTable(List<Flag> flags) {
    List<String[]> rows = new ArrayList<>();
    for (Flag f : flags) {
      rows.add(optionRow(f));
    }
    return table(rows) + "   \n";
  }

  /** One flag as urfave/cli prints it: {@code --name value, -n value}, usage and default. */
  private static String[] optionRow(Flag f) {
    String usage = f.usage();
    boolean bool = f.kind() == Flag.Kind.BOOL;
    String placeholder = bool ? "" : " value";
    int tick = usage.indexOf('`');
    int close = tick < 0 ? -1 : usage.indexOf('`', tick + 1);
    if (!bool && close > tick) {
      placeholder = " " + usage.substring(tick + 1, close);
      usage =
          usage.substring(0, tick) + usage.substring(tick + 1, close) + usage.substring(close + 1);
    }
    List<String> shown = new ArrayList<>();
    for (String n : f.names()) {
      shown.add((n.length() > 1 ? "--" : "-") + n + placeholder);
    }
    String def = f.defaultValue();
    if (!bool && !def.isEmpty()) {
      usage += " (default: " + (f.kind() == Flag.Kind.STRING ? "\"" + def + "\"" : def) + ")";
    }
    return new String[] {String.join(", ", shown), usage};
  }

  private static String table(List<String[]> rows) {
    int width = 0;
    for (String[] r : rows) {
      width = Math.max(width, r[0].length());
    }
    StringBuilder s = new StringBuilder();
    for (String[] r : rows) {
      s.append("   ").append(r[0]).append(" ".repeat(width - r[0].length() + 2)).append(r[1]);
      s.append('\n');
    }
    return s.toString();
  }
}
