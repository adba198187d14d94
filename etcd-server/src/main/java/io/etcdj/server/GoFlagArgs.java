package io.etcdj.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads an argument list with the rules of Go's {@code flag} package (SPEC FLG-001, FLG-003):
 * {@code -name x}, {@code -name=x}, {@code --name x}, {@code --name=x}; booleans as {@code
 * --flag} or {@code --flag=false}; a repeated flag's last value wins; parsing stops at the first
 * non-flag argument or after {@code --}. The result is a map from flag name to raw value
 * ({@link EtcdFlags} supplies the defaults).
 *
 * <p>Thread-safety: stateless.
 */
final class GoFlagArgs {
  /** Thrown for {@code -h}/{@code --help}. */
  static final class HelpRequested extends Exception {
    HelpRequested() {
      super("help", null, false, false);
    }
  }

  private GoFlagArgs() {}

  /**
   * @param known every flag name (without dashes)
   * @param booleans the boolean flags among them
   * @return name -> raw value, in the order first seen, last value kept
   * @throws FlagException exit 2 for syntax errors and unknown flags, exit 1 for a positional
   *     argument
   */
  static Map<String, String> parse(String[] args, Set<String> known, Set<String> booleans)
      throws FlagException, HelpRequested {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        if (i + 1 < args.length) {
          throw positional(args[i + 1]);
        }
        break;
      }
      if (arg.length() < 2 || arg.charAt(0) != '-') {
        throw positional(arg);
      }
      String name = arg.substring(arg.startsWith("--") ? 2 : 1);
      if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
        throw new FlagException("bad flag syntax: " + arg, 2);
      }
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!known.contains(name)) {
        if (name.equals("h") || name.equals("help")) {
          throw new HelpRequested();
        }
        throw new FlagException("flag provided but not defined: -" + name, 2);
      }
      if (booleans.contains(name)) {
        if (value == null) {
          value = "true";
        } else if (!isGoBool(value)) {
          throw new FlagException(
              "invalid boolean value \"" + value + "\" for -" + name + ": parse error", 2);
        }
      } else if (value == null) {
        if (i + 1 >= args.length) {
          throw new FlagException("flag needs an argument: -" + name, 2);
        }
        value = args[++i];
      }
      values.remove(name);
      values.put(name, value);
    }
    return values;
  }

  static boolean isGoBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False" -> true;
      default -> false;
    };
  }

  static boolean goBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      default -> false;
    };
  }

  private static FlagException positional(String arg) {
    return new FlagException("'" + arg + "' is not a valid flag", 1);
  }
}
