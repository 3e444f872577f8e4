package dev.troupe.core.api;

import java.util.List;

/**
 * One kind the API serves, as discovery describes it: where it lives (group, version, plural),
 * whether it is namespaced, its short names and categories, its verbs and subresources.
 */
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<String> verbs,
    List<Subresource> subresources) {

  /** A subresource such as {@code status} or {@code scale}, with the kind it answers in. */
  public record Subresource(
      String name, String group, String version, String kind, List<String> verbs) {}

  /** The verbs of a kind that is fully served. */
  public static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** {@code v1} for the core group, {@code apps/v1} otherwise. */
  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code pods} for the core group, {@code deployments.apps} otherwise, as in messages. */
  public String qualifiedResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** The path prefix of this kind's group version: {@code /api/v1} or {@code /apis/apps/v1}. */
  public String groupVersionPath() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }
}
