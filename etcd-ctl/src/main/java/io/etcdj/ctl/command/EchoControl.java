package io.etcdj.ctl.command;

import java.io.IOException;

/**
 * Turns the terminal's echo off while a password is typed and back on afterwards (CTL-004). The
 * process's own streams use {@code stty}, as etcdctl's prompt does; tests pass a stand-in.
 *
 * <p>Implementations are used by the one thread that prompts; {@link #on} may also be reached from
 * a signal handler.
 */
public interface EchoControl {
  /**
   * Turns the echo off.
   *
   * @throws IOException with etcdctl's text when the echo could not be switched (the prompt fails)
   */
  void off() throws IOException;

  /** Turns the echo back on; failures are ignored, as etcdctl ignores them. */
  void on();
}
