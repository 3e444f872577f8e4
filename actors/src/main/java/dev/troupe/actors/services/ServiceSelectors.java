package dev.troupe.actors.services;

import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.PodIndex;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.object.ObjectEntity;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.services.EndpointsControl;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The selection relationship, Service → Pods: follows every committed pod change and tells each
 * Service of the pod's namespace whose selector selects the pod (or, for a pod that is gone, every
 * Service of its namespace) to reconcile, so its endpoints follow the pod at once.
 */
public final class ServiceSelectors {

  private ServiceSelectors() {}

  /** A follower of the pod changes that nudges the services listed in {@code services}. */
  public static Behavior<PodIndex.Command> create(
      StoredObjects services, ClusterSharding sharding) {
    return Behaviors.receive(PodIndex.Command.class)
        .onMessage(
            PodIndex.Changed.class,
            changed -> {
              Pod pod = changed.pod();
              services
                  .list(Selection.inNamespace(pod.namespace()), Page.ALL)
                  .thenAccept(
                      listing -> {
                        for (KubeObject service : listing.items()) {
                          if (changed.removed() || EndpointsControl.selects(service, pod)) {
                            sharding
                                .entityRefFor(
                                    ObjectEntity.typeKey(service.kind()),
                                    ObjectEntity.entityId(service.namespace(), service.name()))
                                .tell(ObjectEntity.Reconcile.INSTANCE);
                          }
                        }
                      });
              return Behaviors.same();
            })
        .build();
  }
}
