package dev.troupe.node;

import dev.troupe.config.TroupeSettings;
import dev.troupe.core.pod.RestartBackoff;
import dev.troupe.node.agent.NodeAgent;
import dev.troupe.node.proxy.ServiceProxy;
import dev.troupe.node.runtime.ContainerRuntime;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** The worker role of a member: one node agent driving one container runtime. */
public final class WorkerNode implements AutoCloseable {

  public static final String ROLE = "worker";

  private final ActorRef<NodeAgent.Command> agent;
  private final ExecutorService runtimeThreads;
  private final ContainerRuntime runtime;

  private WorkerNode(
      ActorRef<NodeAgent.Command> agent, ExecutorService runtimeThreads, ContainerRuntime runtime) {
    this.agent = agent;
    this.runtimeThreads = runtimeThreads;
    this.runtime = runtime;
  }

  /** Starts the node agent for {@code nodeName} on {@code runtime}. */
  public static WorkerNode start(
      ActorSystem<?> system,
      TroupeSettings settings,
      String nodeName,
      ContainerRuntime runtime,
      Clock clock) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService runtimeThreads =
        Executors.newFixedThreadPool(
            settings.node().runtimeThreads(),
            r -> {
              Thread t = new Thread(r, "troupe-runtime-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    TroupeSettings.PodSettings pods = settings.pods();
    NodeAgent.Settings agentSettings =
        new NodeAgent.Settings(
            nodeName,
            settings.node().syncInterval(),
            settings.node().heartbeatInterval(),
            pods.orphanGracePeriod(),
            new RestartBackoff(pods.backoffInitial(), pods.backoffCap(), pods.backoffResetAfter()),
            new RestartBackoff(
                pods.pullBackoffInitial(),
                pods.pullBackoffCap(),
                NodeAgent.Settings.KUBERNETES_PULL_BACKOFF.resetAfter()),
            settings.node().sandboxImage());
    ActorRef<NodeAgent.Command> agent =
        system.systemActorOf(
            NodeAgent.create(
                agentSettings, runtime, runtimeThreads, ClusterSharding.get(system), clock),
            "node-agent",
            Props.empty());
    return new WorkerNode(agent, runtimeThreads, runtime);
  }

  /**
   * Starts this worker's service proxy over the services and EndpointSlices these functions list
   * (this member's read side), on the node's address.
   */
  public static ActorRef<ServiceProxy.Command> startServiceProxy(
      ActorSystem<?> system,
      TroupeSettings settings,
      java.util.function.Supplier<
              java.util.concurrent.CompletionStage<
                  java.util.List<dev.troupe.core.model.KubeObject>>>
          services,
      java.util.function.Supplier<
              java.util.concurrent.CompletionStage<
                  java.util.List<dev.troupe.core.model.KubeObject>>>
          slices,
      Clock clock) {
    return system.systemActorOf(
        ServiceProxy.create(
            services,
            slices,
            settings.node().address(),
            settings.services().proxyInterval(),
            clock),
        "service-proxy",
        Props.empty());
  }

  public ActorRef<NodeAgent.Command> agent() {
    return agent;
  }

  /** Stops driving the runtime. Containers keep running: a restarted agent adopts them. */
  @Override
  public void close() {
    runtimeThreads.shutdownNow();
    runtime.close();
  }
}
