package io.etcdj.ctl;

import io.etcdj.ctl.command.EchoControl;
import java.io.PrintStream;

/**
 * The echo switch of an etcdctl whose stdin is not a terminal, as in-process tests run it: where
 * the process runs {@code stty} (CTL-004), which cannot switch a pipe and complains, this prints
 * the complaint GNU stty prints then (as the golden recordings show), once per switch, on the run's
 * stderr. {@link PasswordPromptProcessTest} checks the real stty.
 *
 * <p>Thread-safe as {@link PrintStream} is.
 */
public final class NotATerminal implements EchoControl {
  static final String STTY_COMPLAINT = "stty: 'standard input': Inappropriate ioctl for device\n";

  private final PrintStream err;

  public NotATerminal(PrintStream err) {
    this.err = err;
  }

  @Override
  public void off() {
    err.print(STTY_COMPLAINT);
  }

  @Override
  public void on() {
    err.print(STTY_COMPLAINT);
  }
}
