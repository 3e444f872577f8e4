package dev.troupe.node.agent;

import dev.troupe.core.pod.RestartBackoff;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of tests of what a node agent does to pods on the real Docker engine: one member with a
 * control plane and a node agent ({@link DockerNodeFixture}) for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnDockerNode {

  private ActorTestKit testKit;

  /** This class's node. */
  DockerNodeFixture node;

  /** The pull back-off of the node: Kubernetes' unless a test class needs another. */
  RestartBackoff pullBackoff() {
    return NodeAgent.Settings.KUBERNETES_PULL_BACKOFF;
  }

  @BeforeAll
  void startAMemberWithAControlPlaneAndADockerNode() {
    testKit = ActorTestKit.create(getClass().getSimpleName(), DockerNodeFixture.CONFIG);
    node = new DockerNodeFixture(testKit, pullBackoff());
  }

  @AfterAll
  void removeTheContainersAndStop() {
    node.close();
    testKit.shutdownTestKit();
  }
}
