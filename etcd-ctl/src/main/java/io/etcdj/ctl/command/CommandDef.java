package io.etcdj.ctl.command;

import java.util.ArrayList;
import java.util.List;

/**
 * What etcdctl knows of one command before running it: its name and aliases, the help text
 * (description, synopsis, the paragraphs under DESCRIPTION), its flags, and either the commands of
 * a group ({@code member}, {@code user}, ...) or how to make the command that runs.
 *
 * <p>Built in static initialisers by chained calls, then never changed: thread-safe after that.
 */
final class CommandDef {
  private final String name;
  private final String description;
  private final Class<? extends CtlCommand> type;
  private final List<String> aliases = new ArrayList<>();
  private final List<String> footer = new ArrayList<>();
  private final List<Flag> flags = new ArrayList<>();
  private final List<CommandDef> children = new ArrayList<>();
  private String synopsis = "[arguments...]";
  private boolean hidden;

  private CommandDef(String name, String description, Class<? extends CtlCommand> type) {
    this.name = name;
    this.description = description;
    this.type = type;
  }

  /**
   * A command that runs, as a new {@code type} made with its no-argument constructor. A class, not
   * a {@code Supplier}: forty method references would be forty lambdas bootstrapped at every
   * etcdctl start, 0.02 s.
   */
  static CommandDef command(String name, String description, Class<? extends CtlCommand> type) {
    CommandDef c = new CommandDef(name, description, type);
    c.flags.add(Flag.HELP);
    return c;
  }

  /** A group of commands, which runs as an app of its own (urfave/cli's subcommands). */
  static CommandDef group(String name, String description, CommandDef... children) {
    CommandDef g = new CommandDef(name, description, null);
    g.flags.add(Flag.HELP);
    g.children.addAll(List.of(children));
    return g;
  }

  /** The etcdctl app itself: {@code flags} are the global ones, help and version among them. */
  static CommandDef app(String name, String description, List<Flag> flags, CommandDef... commands) {
    CommandDef a = new CommandDef(name, description, null);
    a.flags.addAll(flags);
    a.children.addAll(List.of(commands));
    return a;
  }

  CommandDef aliases(String... names) {
    aliases.addAll(List.of(names));
    return this;
  }

  /** What the help's USAGE line shows after the name (default {@code [arguments...]}). */
  CommandDef synopsis(String text) {
    synopsis = text;
    return this;
  }

  /** The lines under DESCRIPTION in the command's help. */
  CommandDef footer(String... lines) {
    footer.addAll(List.of(lines));
    return this;
  }

  /** Adds flags, which the help lists in this order. */
  CommandDef flags(Flag... more) {
    flags.addAll(List.of(more));
    return this;
  }

  CommandDef hidden() {
    hidden = true;
    return this;
  }

  String name() {
    return name;
  }

  String description() {
    return description;
  }

  List<String> aliases() {
    return aliases;
  }

  String synopsis() {
    return synopsis;
  }

  List<String> footer() {
    return footer;
  }

  List<Flag> flags() {
    return flags;
  }

  List<CommandDef> children() {
    return children;
  }

  boolean isGroup() {
    return type == null;
  }

  boolean isHidden() {
    return hidden;
  }

  /** The child called {@code word} by its name or an alias, or null. */
  CommandDef child(String word) {
    for (CommandDef c : children) {
      if (c.name.equals(word) || c.aliases.contains(word)) {
        return c;
      }
    }
    return null;
  }

  CtlCommand newCommand() {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make " + type, e);
    }
  }
}
