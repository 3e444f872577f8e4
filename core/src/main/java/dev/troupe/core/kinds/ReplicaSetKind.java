package dev.troupe.core.kinds;

import static dev.troupe.core.kinds.JsonFields.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.ReplicaSet;
import dev.troupe.core.printing.ReplicaSetPrinter;
import dev.troupe.core.printing.TablePrinter;
import dev.troupe.core.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * apps/v1 ReplicaSets: one replica by default, a selector that selects the template's labels and
 * never changes, and the pod template's defaults and checks.
 */
public final class ReplicaSetKind implements StoredKind {

  public static final ReplicaSetKind INSTANCE = new ReplicaSetKind();

  private static final ReplicaSetPrinter PRINTER = new ReplicaSetPrinter();

  private ReplicaSetKind() {}

  @Override
  public ResourceType type() {
    return ResourceTypes.REPLICASETS;
  }

  @Override
  public Class<? extends Record> model() {
    return ReplicaSet.class;
  }

  @Override
  public boolean countsGeneration() {
    return true;
  }

  @Override
  public KubeObject withDefaults(KubeObject replicaSet) {
    ObjectNode spec = JsonFields.specOf(replicaSet);
    if (spec == null) {
      return replicaSet;
    }
    JsonFields.setIfAbsent(spec, "replicas", NODES.numberNode(1));
    PodTemplates.applyDefaults(spec);
    return replicaSet.with("spec", spec);
  }

  @Override
  public List<FieldError> validate(KubeObject replicaSet) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode spec = replicaSet.field("spec");
    FieldChecks.nonNegative(spec.path("replicas"), "spec.replicas", errors);
    FieldChecks.nonNegative(spec.path("minReadySeconds"), "spec.minReadySeconds", errors);
    Workloads.validateSelectorAndTemplate(spec, errors);
    return errors;
  }

  @Override
  public List<FieldError> validateUpdate(KubeObject current, KubeObject updated) {
    return Workloads.validateSelectorUnchanged(current, updated);
  }

  /** Kubernetes always writes the replica count, so a new ReplicaSet reports none. */
  @Override
  public JsonNode initialStatus(KubeObject created) {
    return NODES.objectNode().put("replicas", 0);
  }

  @Override
  public TablePrinter<KubeObject> printer() {
    return PRINTER;
  }
}
