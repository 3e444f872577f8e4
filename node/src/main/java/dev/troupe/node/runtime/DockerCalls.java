package dev.troupe.node.runtime;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs calls to a Docker engine on worker threads and waits for each at most its deadline.
 *
 * <p>The engine usually listens on a unix socket, and docker-java reads unix sockets through a
 * blocking channel that ignores socket timeouts: the http client's response timeout only works for
 * tcp:// hosts. So the caller waits for the worker with a deadline; when the deadline passes the
 * worker is interrupted (which aborts a blocked channel read) and the caller gets {@link
 * RuntimeUnavailable}. {@link DockerRuntime} says which deadline each call gets.
 */
final class DockerCalls implements AutoCloseable {

  private final String dockerHost;
  private final ExecutorService calls;

  DockerCalls(String dockerHost) {
    this.dockerHost = dockerHost;
    AtomicInteger threads = new AtomicInteger();
    // unbounded like the callers' own blocking pools: a bound here would only queue calls
    // behind slow ones, and idle threads go after a minute
    this.calls =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "docker-runtime-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs a call on a worker thread and waits for it at most {@code deadline} (see the class comment
   * for why); a transport failure or a missed deadline becomes {@link RuntimeUnavailable}.
   */
  <T> T call(String what, Duration deadline, Supplier<T> body) {
    Future<T> result;
    try {
      result = calls.submit(body::get);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("The Docker runtime for " + dockerHost + " is closed", e);
    }
    try {
      return result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // interrupting the worker closes its channel, which aborts a read blocked on the engine
      result.cancel(true);
      throw new RuntimeUnavailable(
          DockerErrors.unreachable(
              dockerHost, "no answer to " + what + " within " + seconds(deadline)),
          e);
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("Interrupted", "Interrupted waiting for " + what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeFailure
          || cause instanceof RuntimeUnavailable
          || cause instanceof DockerException
          || cause instanceof DockerClientException) {
        throw (RuntimeException) cause;
      }
      if (DockerErrors.hasIoCause(cause)) {
        throw new RuntimeUnavailable(
            DockerErrors.unreachable(dockerHost, DockerErrors.rootMessage(cause)), cause);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }

  /** Interrupts the calls under way; later calls fail with {@link IllegalStateException}. */
  @Override
  public void close() {
    calls.shutdownNow();
  }
}
