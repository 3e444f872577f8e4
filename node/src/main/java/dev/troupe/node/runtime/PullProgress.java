package dev.troupe.node.runtime;

import static dev.troupe.node.runtime.DockerRuntime.PULL_DEADLINE;
import static dev.troupe.node.runtime.DockerRuntime.PULL_PROGRESS_DEADLINE;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows a pull's progress stream. docker-java's own callbacks log every failed pull at ERROR with
 * a stack trace; a failed pull is an ordinary outcome here, reported as {@code ErrImagePull}.
 */
final class PullProgress implements ResultCallback<PullResponseItem> {
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long lastProgress = System.nanoTime();
  private volatile Closeable stream;
  private volatile Throwable failure;
  private volatile String error;

  @Override
  public void onStart(Closeable stream) {
    this.stream = stream;
  }

  @Override
  public void onNext(PullResponseItem item) {
    lastProgress = System.nanoTime();
    // the engine reports a failure inside the stream, after a 200 answer
    // (the engine has sent errorDetail along with the deprecated error since API 1.18)
    if (item.isErrorIndicated()) {
      ResponseItem.ErrorDetail detail = item.getErrorDetail();
      error = detail != null && detail.getMessage() != null ? detail.getMessage() : "pull failed";
    }
  }

  @Override
  public void onError(Throwable throwable) {
    failure = throwable;
    done.countDown();
  }

  @Override
  public void onComplete() {
    done.countDown();
  }

  /** Waits for the end of the pull, or fails it when it stalls or takes too long. */
  void await(String image) throws InterruptedException {
    long start = System.nanoTime();
    while (!done.await(1, TimeUnit.SECONDS)) {
      long now = System.nanoTime();
      if (now - lastProgress > PULL_PROGRESS_DEADLINE.toNanos()) {
        throw new RuntimeFailure(
            "ErrImagePull",
            "Pulling image \""
                + image
                + "\" made no progress for "
                + PULL_PROGRESS_DEADLINE.toSeconds()
                + " s");
      }
      if (now - start > PULL_DEADLINE.toNanos()) {
        throw new RuntimeFailure(
            "ErrImagePull",
            "Pulling image \"" + image + "\" took over " + PULL_DEADLINE.toMinutes() + " min");
      }
    }
  }

  void throwIfFailed(String dockerHost) {
    if (error != null) {
      throw new RuntimeFailure("ErrImagePull", error);
    }
    Throwable f = failure;
    if (f instanceof DockerException || f instanceof DockerClientException) {
      throw new RuntimeFailure("ErrImagePull", DockerErrors.dockerMessage(f), f);
    }
    if (f != null && DockerErrors.hasIoCause(f)) {
      throw new RuntimeUnavailable(
          DockerErrors.unreachable(dockerHost, DockerErrors.rootMessage(f)), f);
    }
    if (f instanceof RuntimeException r) {
      throw r;
    }
    if (f != null) {
      throw new RuntimeFailure("ErrImagePull", DockerErrors.rootMessage(f), f);
    }
  }

  /** Aborts the stream, if it still runs. */
  @Override
  public void close() throws IOException {
    Closeable s = stream;
    done.countDown();
    if (s != null) {
      s.close();
    }
  }
}
