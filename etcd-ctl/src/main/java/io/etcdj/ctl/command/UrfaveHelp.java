package io.etcdj.ctl.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Renders help in the layout of the Go CLI library etcdctl v2 is built on (sections {@code NAME},
 * {@code USAGE}, {@code COMMANDS}, {@code OPTIONS}, two-space aligned columns), from the picocli
 * model, so that {@code etcdctl help} reads like the original.
 *
 * <p>Stateless; thread-safe.
 */
final class UrfaveHelp {
  private UrfaveHelp() {}

  /** The top-level help: {@code etcdctl}, {@code etcdctl help}, {@code etcdctl --help}. */
  static String app(CommandSpec root) {
    StringBuilder s = new StringBuilder();
    s.append("NAME:\n   etcdctl - ").append(description(root)).append("\n\n");
    s.append("USAGE:\n   etcdctl [global options] command [command options] [arguments...]\n\n");
    s.append("VERSION:\n   ").append(EtcdctlCommand.VERSION).append("\n\n");
    s.append("COMMANDS:\n");
    s.append(commandTable(root, true));
    s.append("\nGLOBAL OPTIONS:\n");
    String table = optionTable(root.options());
    // Unlike a command's, the app template ends right after the last option.
    return s.append(table, 0, table.length() - "   \n".length()).toString();
  }

  /** Help of a group such as {@code member} when run without a subcommand. */
  static String group(CommandSpec group) {
    String name = helpName(group);
    StringBuilder s = new StringBuilder();
    s.append("NAME:\n   ").append(name).append(" - ").append(description(group)).append("\n\n");
    s.append("USAGE:\n   ").append(name).append(" command [command options] [arguments...]\n\n");
    s.append("COMMANDS:\n").append(commandTable(group, false)).append('\n');
    s.append("OPTIONS:\n   --help, -h  show help\n   \n");
    return s.toString();
  }

  /** Help of one command ({@code etcdctl help get}, {@code etcdctl get --help}). */
  static String command(CommandSpec cmd) {
    String name = helpName(cmd);
    List<OptionSpec> options = visibleOptions(cmd);
    StringBuilder s = new StringBuilder();
    s.append("NAME:\n   ").append(name).append(" - ").append(description(cmd)).append("\n\n");
    s.append("USAGE:\n   ").append(name);
    if (!options.isEmpty()) {
      s.append(" [command options]");
    }
    String[] synopsis = cmd.usageMessage().customSynopsis();
    s.append(' ').append(synopsis.length > 0 ? synopsis[0] : "[arguments...]");
    String[] footer = cmd.usageMessage().footer();
    if (footer.length > 0) {
      s.append("\n\nDESCRIPTION:\n   ").append(String.join("\n", footer));
    }
    if (!options.isEmpty()) {
      s.append("\n\nOPTIONS:\n").append(optionTable(options));
      return s.toString();
    }
    return s.append('\n').toString();
  }

  private static String helpName(CommandSpec cmd) {
    return cmd.qualifiedName(" ");
  }

  private static String description(CommandSpec cmd) {
    String[] d = cmd.usageMessage().description();
    return d.length == 0 ? "" : d[0];
  }

  private static String commandTable(CommandSpec parent, boolean withHelp) {
    List<String[]> rows = new ArrayList<>();
    for (var e : parent.subcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      if (!e.getKey().equals(sub.name()) || sub.usageMessage().hidden()) {
        continue;
      }
      String name = sub.name();
      if (sub.aliases().length > 0) {
        name += ", " + String.join(", ", sub.aliases());
      }
      rows.add(new String[] {name, description(sub)});
    }
    if (!withHelp) {
      rows.removeIf(r -> r[0].startsWith("help"));
    }
    return table(rows);
  }

  private static List<OptionSpec> visibleOptions(CommandSpec cmd) {
    List<OptionSpec> out = new ArrayList<>();
    for (OptionSpec o : cmd.options()) {
      if (!o.hidden()) {
        out.add(o);
      }
    }
    return out;
  }

  private static String optionTable(List<OptionSpec> options) {
    List<String[]> rows = new ArrayList<>();
    for (OptionSpec o : options) {
      if (o.hidden()) {
        continue;
      }
      rows.add(optionRow(o));
    }
    return table(rows) + "   \n";
  }

  /** One flag as Go prints it: {@code --name value, -n value}, usage and default. */
  private static String[] optionRow(OptionSpec o) {
    String usage = o.description().length == 0 ? "" : o.description()[0];
    boolean bool = o.typeInfo().isBoolean();
    String placeholder = bool ? "" : " value";
    int tick = usage.indexOf('`');
    int close = tick < 0 ? -1 : usage.indexOf('`', tick + 1);
    if (!bool && close > tick) {
      placeholder = " " + usage.substring(tick + 1, close);
      usage =
          usage.substring(0, tick) + usage.substring(tick + 1, close) + usage.substring(close + 1);
    }
    Set<String> goNames = new LinkedHashSet<>();
    for (String n : o.names()) {
      goNames.add(n.replaceFirst("^-+", ""));
    }
    List<String> shown = new ArrayList<>();
    for (String n : goNames) {
      shown.add((n.length() > 1 ? "--" : "-") + n + placeholder);
    }
    String def = o.defaultValue();
    if (!bool && def != null && !def.isEmpty() && !o.usageHelp() && !o.versionHelp()) {
      boolean text = o.typeInfo().getType() == String.class;
      usage += " (default: " + (text ? "\"" + def + "\"" : def) + ")";
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
