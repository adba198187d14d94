package io.etcdj.ctl.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A run registers only the subcommand it names after its global flags, none for {@code --version};
 * anything that lists the commands (help, completion, an unknown command or flag) gets all of them
 * (CTL-001, CTL-009, CTL-020).
 */
class SubcommandChoiceTest {
  private final CommandSpec top =
      new CommandLine(
              new EtcdctlCommand(
                  new Terminal(
                      new ByteArrayInputStream(new byte[0]),
                      new PrintStream(new ByteArrayOutputStream()),
                      new PrintStream(new ByteArrayOutputStream()),
                      Map.of(),
                      null)))
          .getCommandSpec();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "get /k                                   | get",
        "--endpoints http://127.0.0.1:1 get /k    | get",
        "-endpoints=http://127.0.0.1:1 --debug ls | ls",
        "-o json member list                      | member",
        "--no-sync --timeout 1s exec-watch /k ls  | exec-watch",
        "-- get                                   | get",
        "--bogus get /k                           | ''",
        "-h get                                   | ''",
        "--version                                | none",
        "-v get                                   | none",
        "help get                                 | ''",
        "h                                        | ''",
        "completion                               | ''",
        "nosuch /k                                | ''",
        "''                                       | ''",
      })
  void theNamedCommandOrAll(String line, String expected) {
    String[] args = line.isEmpty() ? new String[0] : line.trim().split(" +");
    List<Class<?>> needed = SubcommandChoice.needed(top, args);
    if (expected.isEmpty()) {
      assertThat(needed).isEqualTo(EtcdctlCommand.SUBCOMMANDS);
    } else if (expected.equals("none")) {
      assertThat(needed).isEmpty();
    } else {
      assertThat(needed).hasSize(1);
      assertThat(needed.get(0).getAnnotation(CommandLine.Command.class).name()).isEqualTo(expected);
    }
  }
}
