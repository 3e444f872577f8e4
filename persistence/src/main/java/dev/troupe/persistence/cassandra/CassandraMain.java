package dev.troupe.persistence.cassandra;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The main class of the embedded Cassandra child JVM: it ties the child's life to its parent's,
 * then hands over to Cassandra's own daemon.
 *
 * <p>Only JDK classes may be used here: the child's class path is Cassandra's jars plus this class,
 * and Troupe's own dependencies are not on it.
 */
public final class CassandraMain {

  /** Names the class whose {@code main} runs after the watch starts; tests swap in a stand-in. */
  static final String DAEMON_PROPERTY = "troupe.cassandra.daemon";

  static final String CASSANDRA_DAEMON = "org.apache.cassandra.service.CassandraDaemon";

  /**
   * How long Cassandra's shutdown hook (which drains memtables) may take once the parent is gone
   * before the JVM halts anyway, so an orphan never outlives its parent for good.
   */
  static final long HALT_AFTER_MILLIS = 120_000;

  private CassandraMain() {}

  public static void main(String[] args) throws Throwable {
    ParentWatch.watch(System.in, CassandraMain::parentGone);
    Method main =
        Class.forName(System.getProperty(DAEMON_PROPERTY, CASSANDRA_DAEMON))
            .getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void parentGone() {
    // Process.destroy() closes the pipe too, so this also runs when the parent stops Cassandra.
    System.err.println(
        "troupe: stdin closed (the parent exited or is stopping Cassandra); exiting");
    Thread halt = new Thread(CassandraMain::haltLater, "troupe-halt-watchdog");
    halt.setDaemon(true);
    halt.start();
    // Runs Cassandra's shutdown hook, which drains before the JVM exits.
    System.exit(0);
  }

  private static void haltLater() {
    try {
      Thread.sleep(HALT_AFTER_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.err.println("troupe: shutdown took longer than " + HALT_AFTER_MILLIS + " ms; halting");
    Runtime.getRuntime().halt(1);
  }
}
