package io.etcdj.ctl;

import io.etcdj.ctl.command.EchoControl;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The echo switch of the etcdctl process (CTL-004): runs {@code stty -echo} and {@code stty echo}
 * on the process's own standard streams, as etcdctl's password prompt (Go's speakeasy) does. So the
 * same things happen as with etcdctl: on a terminal the typed password is not shown, even when
 * stdout is redirected; when stdin is not a terminal, each of the two runs of stty complains on
 * stderr ({@code stty: 'standard input': Inappropriate ioctl for device}) and the password is read
 * all the same. (A {@code java.io.Console} could not do that: it exists only when stdin and stdout
 * are both terminals.)
 *
 * <p>While the echo is off, SIGINT, SIGTERM and SIGHUP turn it back on and end the process with
 * 255, as etcdctl's prompt does (Go's {@code os.Exit(-1)}), instead of leaving the terminal silent.
 * SIGQUIT, which etcdctl handles too, belongs to the JVM (thread dumps); and a signal the process
 * started with ignored (SIGINT in a script's background job) stays ignored, as the JVM will not
 * take it over, where Go would.
 *
 * <p>Not thread-safe: used by the thread that prompts; the signal handlers only run stty and halt.
 */
final class SttyEcho implements EchoControl {
  private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

  /** The handlers the prompt replaced, restored when the echo is back on. */
  private final Map<Signal, SignalHandler> replaced = new HashMap<>();

  @Override
  public void off() throws IOException {
    handleSignalsWhileSilent();
    try {
      stty("-echo");
    } catch (IOException e) {
      restoreHandlers();
      // Go's text: speakeasy could not start /bin/stty.
      throw new IOException(
          "failed turning off console echo for password entry:\n\tfork/exec /bin/stty: "
              + (e.getMessage() != null && e.getMessage().contains("error=2,")
                  ? "no such file or directory"
                  : e.getMessage()));
    }
  }

  @Override
  public void on() {
    try {
      stty("echo");
    } catch (IOException e) {
      // etcdctl does not report a failure to turn the echo back on either
    }
    restoreHandlers();
  }

  private void handleSignalsWhileSilent() {
    SignalHandler restore =
        sig -> {
          try {
            stty("echo");
          } catch (IOException e) {
            // exiting anyway
          }
          System.out.flush();
          Runtime.getRuntime().halt(255);
        };
    for (String name : SIGNALS) {
      try {
        Signal s = new Signal(name);
        replaced.put(s, Signal.handle(s, restore));
      } catch (IllegalArgumentException | LinkageError e) {
        // a signal this platform or JVM does not let us handle: its default stays
      }
    }
  }

  private void restoreHandlers() {
    replaced.forEach(Signal::handle);
    replaced.clear();
  }

  /**
   * Runs stty with this process's stdin, stdout and stderr and waits for it; its exit status does
   * not matter (etcdctl ignores it). Found on the PATH so that, as with etcdctl, its complaints
   * name it {@code stty}.
   */
  private static void stty(String arg) throws IOException {
    Process p = new ProcessBuilder("stty", arg).inheritIO().start();
    boolean interrupted = false;
    while (true) {
      try {
        p.waitFor();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
