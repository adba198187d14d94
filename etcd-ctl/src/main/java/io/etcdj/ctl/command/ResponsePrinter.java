package io.etcdj.ctl.command;

import io.etcdj.ctl.client.GoText;
import io.etcdj.ctl.client.KeyNode;
import io.etcdj.ctl.client.KeyResponse;
import java.io.PrintStream;

/**
 * The shared output formatter (STYLE 14): prints a keys API response in the {@code simple}, {@code
 * extended} or {@code json} form of etcdctl (CTL-030..033).
 *
 * <p>Stateless apart from the streams; thread-safe as {@link PrintStream} is.
 */
public final class ResponsePrinter {
  private final PrintStream out;
  private final PrintStream err;
  private final String format;

  public ResponsePrinter(PrintStream out, PrintStream err, String format) {
    this.out = out;
    this.err = err;
    this.format = format;
  }

  public boolean isSimple() {
    return format.equals("simple");
  }

  /** CTL-030..033: one response in the chosen format. */
  public void print(KeyResponse resp) {
    switch (format) {
      case "simple" -> {
        if (!resp.action().equals("delete")) {
          line(resp.node().value());
        } else {
          line("PrevNode.Value: " + prevValue(resp));
        }
      }
      case "extended" -> {
        KeyNode n = resp.node();
        line("Key: " + n.key());
        line("Created-Index: " + Long.toUnsignedString(n.createdIndex()));
        line("Modified-Index: " + Long.toUnsignedString(n.modifiedIndex()));
        if (resp.prevNode() != null) {
          line("PrevNode.Value: " + resp.prevNode().value());
        }
        line("TTL: " + n.ttl());
        line("Index: " + Long.toUnsignedString(resp.index()));
        if (!resp.action().equals("delete")) {
          line("");
          line(n.value());
        }
      }
      case "json" -> line(json(resp));
      default -> err.print("Unsupported output format: " + format + "\n");
    }
  }

  /**
   * CTL-041: {@code ls} in simple mode lists the key itself if it is a file, then every child,
   * depth first; {@code slashDirs} appends {@code /} to directories ({@code -p}).
   */
  public void printLs(KeyResponse resp, boolean slashDirs) {
    if (!isSimple()) {
      print(resp);
      return;
    }
    if (!resp.node().dir()) {
      line(resp.node().key());
    }
    if (resp.node().nodes() != null) {
      for (KeyNode n : resp.node().nodes()) {
        printTree(n, slashDirs);
      }
    }
  }

  private void printTree(KeyNode n, boolean slashDirs) {
    line(n.dir() && slashDirs ? n.key() + "/" : n.key());
    if (n.nodes() != null) {
      for (KeyNode c : n.nodes()) {
        printTree(c, slashDirs);
      }
    }
  }

  /** The watch prefix line of recursive watches (CTL-050). */
  public void printEventHeader(KeyResponse resp) {
    out.print("[" + resp.action() + "] " + resp.node().key() + "\n");
  }

  private static String prevValue(KeyResponse resp) {
    // etcdctl dereferences prevNode unconditionally; a delete always carries one.
    return resp.prevNode() == null ? "" : resp.prevNode().value();
  }

  private void line(String s) {
    out.print(s + "\n");
  }

  /** The Go client's Response JSON (CTL-032): field order and null rules of its struct tags. */
  static String json(KeyResponse resp) {
    StringBuilder s = new StringBuilder("{\"action\":").append(GoText.jsonString(resp.action()));
    s.append(",\"node\":");
    appendNode(s, resp.node());
    s.append(",\"prevNode\":");
    appendNode(s, resp.prevNode());
    return s.append('}').toString();
  }

  private static void appendNode(StringBuilder s, KeyNode n) {
    if (n == null) {
      s.append("null");
      return;
    }
    s.append("{\"key\":").append(GoText.jsonString(n.key()));
    if (n.dir()) {
      s.append(",\"dir\":true");
    }
    s.append(",\"value\":").append(GoText.jsonString(n.value()));
    s.append(",\"nodes\":");
    if (n.nodes() == null) {
      s.append("null");
    } else {
      s.append('[');
      for (int i = 0; i < n.nodes().size(); i++) {
        if (i > 0) {
          s.append(',');
        }
        appendNode(s, n.nodes().get(i));
      }
      s.append(']');
    }
    s.append(",\"createdIndex\":").append(Long.toUnsignedString(n.createdIndex()));
    s.append(",\"modifiedIndex\":").append(Long.toUnsignedString(n.modifiedIndex()));
    if (n.expiration() != null) {
      s.append(",\"expiration\":").append(GoText.jsonString(GoText.rfc3339Nano(n.expiration())));
    }
    if (n.ttl() != 0) {
      s.append(",\"ttl\":").append(n.ttl());
    }
    s.append('}');
  }
}
