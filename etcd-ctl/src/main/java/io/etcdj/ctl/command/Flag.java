package io.etcdj.ctl.command;

import java.util.List;

/**
 * One flag of an etcdctl command, declared the way etcdctl declares it with urfave/cli over Go's
 * flag package: its names without dashes ({@code "recursive, r"}; each is accepted after one dash
 * or two), the kind of value it takes, the default as Go would print it, and its line of help. A
 * usage text with a word in backquotes names the value in the help ({@code --output simple}).
 *
 * <p>Each flag is a constant, equal only to itself. Not a record: a record's {@code hashCode} and
 * {@code equals} are bound at their first call by generating method handles, some 0.03 s of every
 * etcdctl command (its flags are map keys).
 *
 * <p>Immutable; thread-safe.
 */
final class Flag {

  /** The value types etcdctl's flags use (urfave/cli's BoolFlag, StringFlag, ...). */
  enum Kind {
    BOOL,
    STRING,
    INT,
    DURATION,
    /** Given again, it adds a value (StringSliceFlag). */
    STRING_LIST
  }

  /** The flag the app, every group and every command has (a command's help does not list it). */
  static final Flag HELP = bool("help, h", "show help");

  private final List<String> names;
  private final Kind kind;
  private final String defaultValue;
  private final String usage;

  private Flag(List<String> names, Kind kind, String defaultValue, String usage) {
    this.names = names;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.usage = usage;
  }

  static Flag bool(String names, String usage) {
    return new Flag(split(names), Kind.BOOL, "false", usage);
  }

  static Flag string(String names, String defaultValue, String usage) {
    return new Flag(split(names), Kind.STRING, defaultValue, usage);
  }

  static Flag integer(String names, String defaultValue, String usage) {
    return new Flag(split(names), Kind.INT, defaultValue, usage);
  }

  static Flag duration(String names, String defaultValue, String usage) {
    return new Flag(split(names), Kind.DURATION, defaultValue, usage);
  }

  static Flag stringList(String names, String usage) {
    return new Flag(split(names), Kind.STRING_LIST, "", usage);
  }

  /** The names without dashes, longest first as etcdctl lists them. */
  List<String> names() {
    return names;
  }

  /** The first name, which error messages use. */
  String name() {
    return names.get(0);
  }

  Kind kind() {
    return kind;
  }

  /** The value when the flag is not given, in the flag's own syntax. */
  String defaultValue() {
    return defaultValue;
  }

  /** The help line. */
  String usage() {
    return usage;
  }

  private static List<String> split(String names) {
    return List.of(names.split(", "));
  }
}
