package dev.troupe.persistence.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child's life: started once it answers CQL, then restarted with back-off whenever it dies on
 * its own, until stopped.
 */
final class ChildSupervisor {

  // Logs as EmbeddedCassandra, as all its parts do: one logger names the embedded server.
  private static final Logger log = LoggerFactory.getLogger(EmbeddedCassandra.class);

  static final Duration STOP_GRACE = Duration.ofSeconds(30);
  static final Duration STALE_CHILD_GRACE = Duration.ofSeconds(60);
  static final Duration BACKOFF_INITIAL = Duration.ofSeconds(1);
  static final Duration BACKOFF_CAP = Duration.ofSeconds(30);

  /**
   * A child that served this long before dying was healthy; its successor starts the curve over.
   */
  static final Duration BACKOFF_RESET_AFTER = Duration.ofSeconds(60);

  private final EmbeddedCassandra.Options options;
  private final ChildLauncher launcher;
  private final CqlProbe probe;
  private final ChildPidFile pidFile;
  private final ChildLog childLog;

  /** Serialises start() calls; stop() does not take it, so it can cut a slow start short. */
  private final Object startLock = new Object();

  // Guarded by this; current is volatile so isRunning() and pid() never wait on a start.
  private volatile Child current;
  private boolean supervising;
  private int consecutiveRestarts;
  private ScheduledExecutorService supervisor;

  ChildSupervisor(
      EmbeddedCassandra.Options options,
      ChildLauncher launcher,
      CqlProbe probe,
      ChildPidFile pidFile,
      ChildLog childLog) {
    this.options = options;
    this.launcher = launcher;
    this.probe = probe;
    this.pidFile = pidFile;
    this.childLog = childLog;
  }

  /** The current child, also while it is still starting; null if there is none. */
  Child current() {
    return current;
  }

  /** See {@link EmbeddedCassandra#start()}. */
  void start() {
    synchronized (startLock) {
      synchronized (this) {
        if (supervising) {
          return;
        }
      }
      launcher.checkLibDir();
      pidFile.reapStaleChild(STALE_CHILD_GRACE);
      launcher.ensurePortsFree();
      Child child;
      synchronized (this) {
        child = launcher.launch();
        current = child;
      }
      try {
        probe.awaitReady(child);
      } catch (RuntimeException e) {
        boolean stopped;
        synchronized (this) {
          stopped = current != child;
          if (!stopped) {
            current = null;
          }
        }
        child.terminate(STOP_GRACE);
        if (stopped) {
          throw new IllegalStateException("the embedded Cassandra was stopped while starting", e);
        }
        throw e;
      }
      synchronized (this) {
        if (current != child) {
          throw new IllegalStateException("the embedded Cassandra was stopped while starting");
        }
        supervising = true;
        consecutiveRestarts = 0;
        supervisor = Executors.newSingleThreadScheduledExecutor(ChildSupervisor::supervisorThread);
        watch(child);
      }
    }
  }

  /** See {@link EmbeddedCassandra#stop()}. */
  void stop() {
    Child child;
    ScheduledExecutorService oldSupervisor;
    synchronized (this) {
      supervising = false;
      child = current;
      current = null;
      oldSupervisor = supervisor;
      supervisor = null;
    }
    if (oldSupervisor != null) {
      oldSupervisor.shutdownNow();
    }
    if (child == null) {
      return;
    }
    log.info("Stopping the embedded Cassandra (pid {}, data {})", child.pid(), options.dataDir());
    child.terminate(STOP_GRACE);
    pidFile.deleteIfItNames(child.pid());
    log.info(
        "Embedded Cassandra (pid {}) stopped with exit code {}",
        child.pid(),
        child.process.isAlive() ? "none (still alive)" : child.process.exitValue());
  }

  /** Called with the monitor held, once {@code child} answered CQL. */
  private void watch(Child child) {
    // On the supervisor thread, not the JDK's process reaper: it reads the log and may relaunch.
    child.process.onExit().thenRunAsync(() -> childExited(child), supervisor);
  }

  private void childExited(Child child) {
    Duration served = Duration.between(child.readyAt, Instant.now());
    int attempt;
    Duration delay;
    synchronized (this) {
      if (!supervising || current != child) {
        return;
      }
      current = null;
      if (served.compareTo(BACKOFF_RESET_AFTER) >= 0) {
        consecutiveRestarts = 0;
      }
      attempt = ++consecutiveRestarts;
      delay = restartDelay(attempt);
      supervisor.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
    log.error(
        "Embedded Cassandra (pid {}, data {}) died with exit code {} after serving for {};"
            + " restart #{} in {}. The end of {}:\n{}",
        child.pid(),
        options.dataDir(),
        child.process.exitValue(),
        served,
        attempt,
        delay,
        childLog.file(),
        childLog.tail(child));
  }

  private void restart() {
    Child child;
    synchronized (this) {
      if (!supervising) {
        return;
      }
      try {
        launcher.ensurePortsFree();
        child = launcher.launch();
      } catch (RuntimeException e) {
        retryLater(null, e);
        return;
      }
      current = child;
    }
    try {
      probe.awaitReady(child);
    } catch (RuntimeException e) {
      child.terminate(STOP_GRACE);
      retryLater(child, e);
      return;
    }
    int attempt;
    synchronized (this) {
      if (!supervising || current != child) {
        // stop() took the child and ends it.
        return;
      }
      attempt = consecutiveRestarts;
      watch(child);
    }
    log.info(
        "Embedded Cassandra is back on {} (pid {}) after restart #{}",
        EmbeddedCassandra.contactPoint(options),
        child.pid(),
        attempt);
  }

  /** Schedules the next restart after a failed one; {@code failed} is null if none launched. */
  private void retryLater(Child failed, RuntimeException cause) {
    int attempt;
    Duration delay;
    synchronized (this) {
      if (!supervising || (failed != null && current != failed)) {
        return;
      }
      current = null;
      attempt = ++consecutiveRestarts;
      delay = restartDelay(attempt);
      supervisor.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
    log.error(
        "Restarting the embedded Cassandra (data {}) failed; restart #{} in {}",
        options.dataDir(),
        attempt,
        delay,
        cause);
  }

  /** 1 s, 2 s, 4 s … capped at {@link #BACKOFF_CAP}, for restart number {@code attempt}. */
  static Duration restartDelay(int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 30));
    Duration delay = BACKOFF_INITIAL.multipliedBy(1L << doublings);
    return delay.compareTo(BACKOFF_CAP) > 0 ? BACKOFF_CAP : delay;
  }

  private static Thread supervisorThread(Runnable task) {
    Thread thread = new Thread(task, "embedded-cassandra-supervisor");
    // Supervision must never keep Troupe's JVM alive: the child follows the parent out anyway.
    thread.setDaemon(true);
    return thread;
  }
}
