package dev.troupe.app;

import dev.troupe.app.KubectlSession.Run;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class that drives a {@code troupe server} of its own through the real kubectl: the server
 * starts before the class's tests and stops after them ({@link KubectlSession}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnKubectlSession {

  private final String prefix;

  /** This class's server and kubectl. */
  KubectlSession session;

  /** {@code prefix} names the server's node. */
  OnKubectlSession(String prefix) {
    this.prefix = prefix;
  }

  @BeforeAll
  final void startTheServer() throws Exception {
    session = KubectlSession.start(prefix);
  }

  @AfterAll
  final void stopTheServer() throws Exception {
    if (session != null) {
      session.stop();
    }
  }

  Run kubectl(String... args) throws IOException, InterruptedException {
    return session.kubectl(args);
  }

  Run kubectlQuietly(String... args) {
    return session.kubectlQuietly(args);
  }

  Process start(Path output, String... args) throws IOException {
    return session.start(output, args);
  }
}
