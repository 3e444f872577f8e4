package dev.troupe.actors.object;

import dev.troupe.core.model.ObjectMeta;
import dev.troupe.core.model.OwnerReference;
import dev.troupe.core.workloads.ReplicaSetControl;
import java.util.Set;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * How a child tells its owner that it changed: the owner's entity, wherever it runs, reconciles
 * again at once instead of at its next resync. Only kinds with a controller are told.
 */
public final class Owners {

  private final ClusterSharding sharding;
  private final Set<String> controlledKinds;

  public Owners(ClusterSharding sharding, Set<String> controlledKinds) {
    this.sharding = sharding;
    this.controlledKinds = Set.copyOf(controlledKinds);
  }

  /** Nudges the controller of the object {@code meta} describes, if it has one. */
  public void changed(ObjectMeta meta) {
    OwnerReference controller = ReplicaSetControl.controllerOf(meta);
    if (controller == null || !controlledKinds.contains(controller.kind())) {
      return;
    }
    sharding
        .entityRefFor(
            ObjectEntity.typeKey(controller.kind()),
            ObjectEntity.entityId(meta.namespace(), controller.name()))
        .tell(ObjectEntity.Reconcile.INSTANCE);
  }
}
