package dev.troupe.actors.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.actors.Outcome;
import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.actors.object.ObjectEntity;
import dev.troupe.actors.object.Reconciler;
import dev.troupe.actors.object.StoredObjects;
import dev.troupe.actors.pod.Pods;
import dev.troupe.core.events.Cause;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Pod;
import dev.troupe.core.services.EndpointSliceControl;
import dev.troupe.core.services.EndpointsControl;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A Service's endpoints controllers, run by its entity: from the pods its selector selects, it
 * keeps the Endpoints object of the same name ({@link EndpointsControl}) and the service's
 * EndpointSlices ({@link EndpointSliceControl}) equal to what those pods serve, creating what is
 * missing and deleting slices no longer wanted. Both name the service as their controlling owner,
 * so they go when the service goes. Pods nudge the services that select them when they change
 * ({@link ServiceSelectors}), so a pod that stops being ready leaves the endpoints at once; a
 * resync every second catches anything missed.
 */
public final class EndpointsReconciler implements Reconciler {

  static final String MANAGER = "endpoint-controller";
  static final String SLICE_MANAGER = "endpointslice-controller";

  private final Supplier<Pods> pods;
  private final Supplier<StoredObjects> endpoints;
  private final Supplier<StoredObjects> slices;
  private final RandomGenerator random = new SecureRandom();

  public EndpointsReconciler(
      Supplier<Pods> pods, Supplier<StoredObjects> endpoints, Supplier<StoredObjects> slices) {
    this.pods = pods;
    this.endpoints = endpoints;
    this.slices = slices;
  }

  @Override
  public Duration resync() {
    return Duration.ofSeconds(1);
  }

  @Override
  public CompletionStage<Optional<JsonNode>> reconcile(KubeObject service) {
    Pods pods = this.pods.get();
    StoredObjects store = endpoints.get();
    StoredObjects sliceStore = slices.get();
    if (pods == null
        || store == null
        || sliceStore == null
        || service.isTerminating()
        || !EndpointsControl.managed(service)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return pods.list(Selection.inNamespace(service.namespace()))
        .thenCompose(
            listing -> {
              ArrayNode subsets = EndpointsControl.subsets(service, listing.items());
              CompletionStage<?> endpointsKept =
                  store
                      .get(service.namespace(), service.name())
                      .thenCompose(
                          existing ->
                              existing.outcome() == Outcome.OK
                                  ? keep(store, service, existing.object(), subsets)
                                  : make(store, service, subsets));
              return endpointsKept.thenCompose(
                  done -> keepSlices(sliceStore, service, listing.items()));
            })
        .thenApply(done -> Optional.<JsonNode>empty());
  }

  /**
   * Writes what {@link EndpointSliceControl#plan} says, one write at a time; a write that fails
   * (another wrote first) is left to the next pass.
   */
  private CompletionStage<Void> keepSlices(
      StoredObjects store, KubeObject service, List<Pod> podsInNamespace) {
    Selection ofService =
        new Selection(
            service.namespace(),
            EndpointSliceControl.SERVICE_NAME_LABEL + "=" + service.name(),
            "");
    return store
        .list(ofService, Page.ALL)
        .thenCompose(
            stored -> {
              EndpointSliceControl.Plan plan =
                  EndpointSliceControl.plan(service, podsInNamespace, stored.items());
              CompletionStage<?> writes = CompletableFuture.completedFuture(null);
              for (KubeObject slice : plan.creates()) {
                writes = writes.thenCompose(done -> createSlice(store, service, slice));
              }
              for (KubeObject slice : plan.updates()) {
                writes =
                    writes.thenCompose(
                        done ->
                            store.update(
                                slice,
                                slice.metadata().resourceVersion(),
                                false,
                                SLICE_MANAGER,
                                sliceCause(service, "the endpoints of its selected pods changed")));
              }
              for (KubeObject slice : plan.deletes()) {
                writes =
                    writes.thenCompose(
                        done ->
                            store.delete(
                                slice.namespace(),
                                slice.name(),
                                slice.metadata().uid(),
                                null,
                                sliceCause(service, "no selected pod serves these ports")));
              }
              return writes.thenApply(done -> (Void) null);
            });
  }

  private CompletionStage<ObjectEntity.Reply> createSlice(
      StoredObjects store, KubeObject service, KubeObject slice) {
    ObjectAdmission.Admitted admitted =
        ObjectAdmission.prepareCreate(store.kind(), slice, service.namespace(), random);
    if (!admitted.isValid()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the endpoint slice is invalid: " + admitted.errors()));
    }
    return store.create(
        admitted.object(),
        SLICE_MANAGER,
        sliceCause(service, "a service that selects pods has endpoint slices"));
  }

  /**
   * Updates the Endpoints when their subsets differ from what the pods say, or when they are not
   * the service's (left by a service of the same name deleted with orphans): they are adopted.
   */
  private CompletionStage<ObjectEntity.Reply> keep(
      StoredObjects store, KubeObject service, KubeObject existing, ArrayNode subsets) {
    JsonNode current = existing.json().path("subsets");
    ArrayNode owners =
        Json.mapper().createArrayNode().add(EndpointsControl.ownerReference(service));
    boolean owned = existing.at("/metadata/ownerReferences").equals(owners);
    if (owned && (current.equals(subsets) || (current.isMissingNode() && subsets.isEmpty()))) {
      return CompletableFuture.completedFuture(null);
    }
    ObjectNode next = existing.json().deepCopy();
    ((ObjectNode) next.path("metadata")).set("ownerReferences", owners);
    if (subsets.isEmpty()) {
      next.remove("subsets");
    } else {
      next.set("subsets", subsets);
    }
    return store.update(
        KubeObject.of(next),
        existing.metadata().resourceVersion(),
        false,
        MANAGER,
        cause(service, "the endpoints of its selected pods changed"));
  }

  /** Creates the service's Endpoints. */
  private CompletionStage<ObjectEntity.Reply> make(
      StoredObjects store, KubeObject service, ArrayNode subsets) {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("apiVersion", "v1");
    json.put("kind", "Endpoints");
    ObjectNode metadata = json.putObject("metadata");
    metadata.put("name", service.name());
    metadata.put("namespace", service.namespace());
    JsonNode labels = service.at("/metadata/labels");
    if (labels.isObject() && !labels.isEmpty()) {
      metadata.set("labels", labels.deepCopy());
    }
    metadata.putArray("ownerReferences").add(EndpointsControl.ownerReference(service));
    if (!subsets.isEmpty()) {
      json.set("subsets", subsets);
    }
    ObjectAdmission.Admitted admitted =
        ObjectAdmission.prepareCreate(
            store.kind(), KubeObject.of(json), service.namespace(), random);
    if (!admitted.isValid()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the endpoints are invalid: " + admitted.errors()));
    }
    return store.create(
        admitted.object(), MANAGER, cause(service, "a service that selects pods has endpoints"));
  }

  private static Cause sliceCause(KubeObject service, String reason) {
    return Cause.of(
        "system:controller:endpointslice-controller",
        "service/" + service.namespace() + "/" + service.name(),
        reason);
  }

  private static Cause cause(KubeObject service, String reason) {
    return Cause.of(
        "system:controller:endpoint-controller",
        "service/" + service.namespace() + "/" + service.name(),
        reason);
  }
}
