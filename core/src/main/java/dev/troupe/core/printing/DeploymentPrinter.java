package dev.troupe.core.printing;

import static dev.troupe.core.printing.ObjectCells.age;
import static dev.troupe.core.printing.ObjectCells.containerImages;
import static dev.troupe.core.printing.ObjectCells.containerNames;
import static dev.troupe.core.printing.ObjectCells.name;
import static dev.troupe.core.printing.ObjectCells.number;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.selection.LabelSelector;
import java.time.Instant;
import java.util.List;

/**
 * Deployments as Kubernetes prints them ({@code printDeployment}): READY is ready over desired
 * replicas ({@code 2/3}). Unlike ReplicaSets, an empty selector prints as nothing, not {@code
 * <none>}, because upstream prints the selector itself rather than {@code FormatLabelSelector}.
 */
public final class DeploymentPrinter extends KubeObjectPrinter {

  public static final List<TableColumnDefinition> COLUMN_DEFINITIONS =
      List.of(
          Columns.NAME,
          Columns.string("Ready", "Number of the pod with ready state"),
          Columns.string(
              "Up-to-date",
              "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
          Columns.string(
              "Available",
              "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
          Columns.AGE,
          Columns.wide("Containers", "Names of each container in the template."),
          Columns.wide("Images", "Images referenced by each container in the template."),
          Columns.wide(
              "Selector",
              "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."));

  public DeploymentPrinter() {
    super(ResourceTypes.DEPLOYMENTS, COLUMN_DEFINITIONS);
  }

  @Override
  public List<Object> cells(KubeObject deployment, Instant now) {
    JsonNode containers = deployment.at("/spec/template/spec/containers");
    JsonNode status = deployment.field("status");
    return List.of(
        name(deployment),
        number(status.path("readyReplicas")) + "/" + number(deployment.at("/spec/replicas")),
        number(status.path("updatedReplicas")),
        number(status.path("availableReplicas")),
        age(deployment, now),
        containerNames(containers),
        containerImages(containers),
        selector(deployment.at("/spec/selector")));
  }

  private static String selector(JsonNode selector) {
    if (LabelSelectors.isAbsent(selector)) {
      return "";
    }
    LabelSelector.Built built = LabelSelectors.build(selector, "spec.selector");
    return built.isValid() ? built.selector().toString() : "<invalid>";
  }
}
