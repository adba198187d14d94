package io.etcdj.ctl.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line parsed as Go's flag package parses it (etcdctl's flags go through it, by way of
 * urfave/cli), and the values it gave. The rules: flags come first, as {@code -name}, {@code
 * --name}, {@code -name=value} or {@code --name value}; a flag that is not a boolean takes the next
 * word as its value whatever it looks like; a boolean takes a value only after {@code =}; the first
 * word that is not a flag ({@code -} alone is not) ends the flags, and {@code --} ends them and is
 * dropped; a flag given again replaces its value, except a list, which grows.
 *
 * <p>Not thread-safe: one per parse.
 */
final class FlagSet {
  private final Map<Flag, Object> values = new HashMap<>();
  private final List<String> args = new ArrayList<>();

  private FlagSet() {}

  /**
   * Parses {@code words} against {@code flags}.
   *
   * @throws UsageError with Go's message for a word it cannot take
   */
  static FlagSet parse(List<Flag> flags, List<String> words) {
    FlagSet set = new FlagSet();
    int i = 0;
    while (i < words.size()) {
      String word = words.get(i);
      if (word.length() < 2 || word.charAt(0) != '-') {
        break;
      }
      int dashes = word.charAt(1) == '-' ? 2 : 1;
      if (dashes == 2 && word.length() == 2) {
        i++;
        break;
      }
      String name = word.substring(dashes);
      if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
        throw new UsageError("bad flag syntax: " + word);
      }
      String value = null;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Flag flag = find(flags, name);
      if (flag == null) {
        throw new UsageError("flag provided but not defined: -" + name);
      }
      i++;
      if (flag.kind() == Flag.Kind.BOOL) {
        set.set(flag, value == null ? "true" : value);
        continue;
      }
      if (value == null) {
        if (i >= words.size()) {
          throw new UsageError("flag needs an argument: -" + name);
        }
        value = words.get(i++);
      }
      set.set(flag, value);
    }
    set.args.addAll(words.subList(i, words.size()));
    return set;
  }

  /** The words after the flags. */
  List<String> args() {
    return args;
  }

  boolean bool(Flag f) {
    return (Boolean) value(f);
  }

  String string(Flag f) {
    return (String) value(f);
  }

  long integer(Flag f) {
    return (Long) value(f);
  }

  Duration duration(Flag f) {
    return (Duration) value(f);
  }

  @SuppressWarnings("unchecked")
  List<String> strings(Flag f) {
    return (List<String>) values.getOrDefault(f, List.of());
  }

  private Object value(Flag f) {
    Object v = values.get(f);
    return v != null ? v : convert(f, f.defaultValue());
  }

  private void set(Flag f, String text) {
    if (f.kind() == Flag.Kind.STRING_LIST) {
      @SuppressWarnings("unchecked")
      List<String> list = (List<String>) values.computeIfAbsent(f, k -> new ArrayList<String>());
      list.add(text);
      return;
    }
    try {
      values.put(f, convert(f, text));
    } catch (IllegalArgumentException e) {
      // Go's flag package words every bad value "parse error", but for a number out of range.
      String reason = f.kind() == Flag.Kind.INT ? e.getMessage() : "parse error";
      String what = f.kind() == Flag.Kind.BOOL ? "invalid boolean value" : "invalid value";
      String flag = f.kind() == Flag.Kind.BOOL ? " for -" : " for flag -";
      throw new UsageError(what + " \"" + text + "\"" + flag + f.name() + ": " + reason);
    }
  }

  private static Object convert(Flag f, String text) {
    return switch (f.kind()) {
      case BOOL -> GoNumbers.parseBool(text);
      case STRING -> text;
      case INT -> GoNumbers.parseInt(text);
      case DURATION -> GoDuration.parse(text);
      case STRING_LIST -> List.of(text);
    };
  }

  private static Flag find(List<Flag> flags, String name) {
    for (Flag f : flags) {
      if (f.names().contains(name)) {
        return f;
      }
    }
    return null;
  }

  /** A word the parser cannot take, with the reason as Go words it. */
  static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String reason) {
      super(reason, null, false, false);
    }
  }
}
