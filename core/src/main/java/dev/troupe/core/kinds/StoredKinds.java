package dev.troupe.core.kinds;

import java.util.List;
import java.util.Optional;

/** Every kind Troupe stores generically as JSON, in discovery order. */
public final class StoredKinds {

  private static final List<StoredKind> ALL =
      List.of(
          NamespaceKind.INSTANCE,
          ServiceKind.INSTANCE,
          EndpointsKind.INSTANCE,
          NodeKind.INSTANCE,
          EventKind.INSTANCE,
          DeploymentKind.INSTANCE,
          ReplicaSetKind.INSTANCE,
          EndpointSliceKind.INSTANCE);

  private StoredKinds() {}

  public static List<StoredKind> all() {
    return ALL;
  }

  /** The kind served under {@code plural} in {@code group} ("" for the core group). */
  public static Optional<StoredKind> byPlural(String group, String plural) {
    return ALL.stream()
        .filter(k -> k.type().group().equals(group) && k.type().plural().equals(plural))
        .findFirst();
  }

  /** The kind named {@code kind}, such as {@code Deployment}. */
  public static Optional<StoredKind> byKind(String kind) {
    return ALL.stream().filter(k -> k.type().kind().equals(kind)).findFirst();
  }
}
