package io.etcdj.ctl.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Hidden {@code completion}: prints a bash completion script for etcdctl's commands and flags. Use
 * {@code source <(etcdctl completion)}.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class CompletionCommand extends CtlCommand {
  static final CommandDef DEF =
      CommandDef.command("completion", "print a bash completion script", CompletionCommand.class)
          .hidden();

  @Override
  void run(Session s) {
    s.out().print(script(EtcdctlCommand.APP));
  }

  /**
   * A function that completes, from the words typed so far, the commands of the app or of a group,
   * and the flags of the command the line is in (the app's before any command).
   */
  static String script(CommandDef app) {
    StringBuilder s = new StringBuilder();
    s.append("# bash completion for etcdctl: source <(etcdctl completion)\n");
    s.append("_etcdctl() {\n");
    s.append("  local cur=${COMP_WORDS[COMP_CWORD]} path=\"\" w i\n");
    s.append("  for ((i = 1; i < COMP_CWORD; i++)); do\n");
    s.append("    w=${COMP_WORDS[i]}\n");
    s.append("    [[ $w == -* ]] && continue\n");
    s.append("    case \"$path $w\" in\n");
    List<String[]> cases = new ArrayList<>();
    collect(app, "", cases);
    for (String[] c : cases) {
      if (!c[0].isEmpty()) {
        s.append("      \"").append(c[0]).append("\") path=\"").append(c[0]).append("\" ;;\n");
      }
    }
    s.append("    esac\n");
    s.append("  done\n");
    s.append("  case \"$path\" in\n");
    for (String[] c : cases) {
      s.append("    \"").append(c[0]).append("\") COMPREPLY=($(compgen -W \"").append(c[1]);
      s.append("\" -- \"$cur\")) ;;\n");
    }
    s.append("  esac\n");
    s.append("}\n");
    s.append("complete -F _etcdctl etcdctl\n");
    return s.toString();
  }

  /** For {@code cmd} at {@code path}: the words it completes to, then the same for its commands. */
  private static void collect(CommandDef cmd, String path, List<String[]> cases) {
    List<String> words = new ArrayList<>();
    for (CommandDef c : cmd.children()) {
      if (!c.isHidden()) {
        words.add(c.name());
      }
    }
    for (Flag f : cmd.flags()) {
      for (String n : f.names()) {
        words.add((n.length() > 1 ? "--" : "-") + n);
      }
    }
    cases.add(new String[] {path, String.join(" ", words)});
    for (CommandDef c : cmd.children()) {
      if (!c.isHidden()) {
        collect(c, (path + " " + c.name()), cases);
      }
    }
  }
}
