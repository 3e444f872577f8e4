package dev.troupe.persistence.cassandra;

/** Stands in for Cassandra's daemon in child-process tests: says it is up, then idles. */
public final class FakeDaemon {

  static final String UP = "fake daemon up";

  private FakeDaemon() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println(UP);
    System.out.flush();
    // A non-daemon thread sleeping keeps the JVM alive, as Cassandra's threads do.
    Thread.sleep(Long.MAX_VALUE);
  }
}
