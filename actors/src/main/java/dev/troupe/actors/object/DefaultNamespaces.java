package dev.troupe.actors.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.actors.Outcome;
import dev.troupe.core.events.Cause;
import dev.troupe.core.json.Json;
import dev.troupe.core.kinds.ObjectAdmission;
import dev.troupe.core.kinds.StoredKind;
import dev.troupe.core.model.KubeObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The namespaces every cluster has from the start, as Kubernetes creates them: {@code default},
 * {@code kube-system}, {@code kube-public} and {@code kube-node-lease}. Created when the namespace
 * index first loads, so the API is not ready before they exist; a member that finds them already
 * there (or created by another member meanwhile) leaves them alone.
 */
public final class DefaultNamespaces {

  public static final List<String> NAMES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private static final Cause CAUSE =
      Cause.of("system:troupe", "bootstrap", "a namespace every cluster has from the start");

  private DefaultNamespaces() {}

  /** {@code loaded} plus each default namespace it lacks, created. */
  public static CompletionStage<List<KubeObject>> ensure(
      StoredKind namespaces, ClusterSharding sharding, Duration timeout, List<KubeObject> loaded) {
    Set<String> present = loaded.stream().map(KubeObject::name).collect(Collectors.toSet());
    List<CompletableFuture<ObjectEntity.Reply>> creates = new ArrayList<>();
    for (String name : NAMES) {
      if (present.contains(name)) {
        continue;
      }
      ObjectNode json = Json.mapper().createObjectNode();
      json.putObject("metadata").put("name", name);
      KubeObject prepared =
          ObjectAdmission.prepareCreate(namespaces, KubeObject.of(json), null, new SecureRandom())
              .object();
      creates.add(
          sharding
              .entityRefFor(ObjectEntity.typeKey(namespaces.type().kind()), name)
              .<ObjectEntity.Reply>ask(
                  replyTo -> new ObjectEntity.Create(prepared, CAUSE, replyTo), timeout)
              .thenCompose(
                  reply ->
                      reply.outcome() == Outcome.OK
                          ? CompletableFuture.completedFuture(reply)
                          : sharding
                              .entityRefFor(ObjectEntity.typeKey(namespaces.type().kind()), name)
                              .<ObjectEntity.Reply>ask(ObjectEntity.Get::new, timeout))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<KubeObject> all = new ArrayList<>(loaded);
              creates.stream()
                  .map(CompletableFuture::join)
                  .filter(r -> r.object() != null)
                  .forEach(r -> all.add(r.object()));
              return List.copyOf(all);
            });
  }
}
