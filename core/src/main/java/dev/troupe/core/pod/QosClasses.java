package dev.troupe.core.pod;

import dev.troupe.core.model.Container;
import dev.troupe.core.model.PodSpec;
import dev.troupe.core.model.Quantity;
import dev.troupe.core.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/** Kubernetes' quality-of-service class of a pod, from its containers' requests and limits. */
public final class QosClasses {

  public static final String GUARANTEED = "Guaranteed";
  public static final String BURSTABLE = "Burstable";
  public static final String BEST_EFFORT = "BestEffort";

  private QosClasses() {}

  /**
   * BestEffort when no container asks for more than zero cpu or memory; Guaranteed when every
   * container limits both and requests exactly its limits (a missing request defaults to the
   * limit); else Burstable.
   */
  public static String compute(PodSpec spec) {
    boolean any = false;
    boolean guaranteed = true;
    for (Container c : spec.containersOrEmpty()) {
      ResourceRequirements r = c.resources();
      Map<String, String> limits = r == null || r.limits() == null ? Map.of() : r.limits();
      Map<String, String> requests = r == null || r.requests() == null ? Map.of() : r.requests();
      for (String resource : new String[] {"cpu", "memory"}) {
        BigDecimal limit = quantity(limits.get(resource));
        BigDecimal request = quantity(requests.get(resource));
        if (isPositive(limit) || isPositive(request)) {
          // as in Kubernetes, a zero request or limit does not count as asking for the resource
          any = true;
        }
        BigDecimal effectiveRequest = request != null ? request : limit;
        if (limit == null
            || effectiveRequest == null
            || effectiveRequest.compareTo(limit) != 0
            || limit.signum() == 0) {
          guaranteed = false;
        }
      }
    }
    if (!any) {
      return BEST_EFFORT;
    }
    return guaranteed ? GUARANTEED : BURSTABLE;
  }

  private static boolean isPositive(BigDecimal value) {
    return value != null && value.signum() > 0;
  }

  private static BigDecimal quantity(String text) {
    return Objects.isNull(text) ? null : Quantity.parse(text).orElse(null);
  }
}
