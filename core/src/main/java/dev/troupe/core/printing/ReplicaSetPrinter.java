package dev.troupe.core.printing;

import static dev.troupe.core.printing.ObjectCells.age;
import static dev.troupe.core.printing.ObjectCells.containerImages;
import static dev.troupe.core.printing.ObjectCells.containerNames;
import static dev.troupe.core.printing.ObjectCells.name;
import static dev.troupe.core.printing.ObjectCells.number;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import java.time.Instant;
import java.util.List;

/** ReplicaSets as Kubernetes prints them ({@code printReplicaSet}): desired, current, ready. */
public final class ReplicaSetPrinter extends KubeObjectPrinter {

  public static final List<TableColumnDefinition> COLUMN_DEFINITIONS =
      List.of(
          Columns.NAME,
          Columns.integer(
              "Desired",
              "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1."),
          Columns.integer("Current", "Replicas is the most recently observed number of replicas."),
          Columns.integer("Ready", "The number of ready replicas for this replica set."),
          Columns.AGE,
          Columns.wide("Containers", "Names of each container in the template."),
          Columns.wide("Images", "Images referenced by each container in the template."),
          Columns.wide(
              "Selector",
              "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set."));

  public ReplicaSetPrinter() {
    super(ResourceTypes.REPLICASETS, COLUMN_DEFINITIONS);
  }

  @Override
  public List<Object> cells(KubeObject replicaSet, Instant now) {
    JsonNode containers = replicaSet.at("/spec/template/spec/containers");
    JsonNode status = replicaSet.field("status");
    return List.of(
        name(replicaSet),
        number(replicaSet.at("/spec/replicas")),
        number(status.path("replicas")),
        number(status.path("readyReplicas")),
        age(replicaSet, now),
        containerNames(containers),
        containerImages(containers),
        LabelSelectors.format(replicaSet.at("/spec/selector")));
  }
}
