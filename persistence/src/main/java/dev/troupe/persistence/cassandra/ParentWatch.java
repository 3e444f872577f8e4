package dev.troupe.persistence.cassandra;

import java.io.IOException;
import java.io.InputStream;

/**
 * Notices that the parent process is gone: the parent holds the write end of the child's stdin and
 * never writes, so end-of-file on stdin means the parent has exited, however it died.
 *
 * <p>Runs inside the Cassandra child JVM, so it must use JDK classes only.
 */
final class ParentWatch {

  private ParentWatch() {}

  /** Starts a daemon thread that runs {@code onParentGone} once {@code in} reaches end-of-file. */
  static Thread watch(InputStream in, Runnable onParentGone) {
    Thread thread =
        new Thread(
            () -> {
              drain(in);
              onParentGone.run();
            },
            "troupe-parent-watch");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Reads and discards {@code in} until end-of-file or a read error, which both mean the same. */
  static void drain(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // The parent never writes; stray bytes are not a reason to stop watching.
      }
    } catch (IOException e) {
      // A broken stdin is the parent being gone, not a reason to keep Cassandra running.
    }
  }
}
