package dev.troupe.http;

import dev.troupe.core.model.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a delete was asked for, from the query and the DeleteOptions body: grace period, dry run,
 * propagation policy and the preconditions on uid and resourceVersion.
 */
record Deletion(
    Long grace,
    boolean dryRun,
    String propagationPolicy,
    String expectedUid,
    String expectedResourceVersion,
    Status error) {

  private static final Set<String> POLICIES = Set.of("Orphan", "Background", "Foreground");

  static Deletion of(byte[] body, String mediaType, Optional<Long> graceParam, boolean dryRun) {
    Long grace = graceParam.orElse(null);
    boolean dry = dryRun;
    String policy = null;
    String uid = null;
    String version = null;
    if (body.length > 0) {
      Bodies.Decoded<DeleteOptions> options =
          Bodies.decode(body, mediaType, DeleteOptions.class, "DeleteOptions");
      if (options.error() != null) {
        return refused(options.error());
      }
      DeleteOptions sent = options.value();
      if (sent.gracePeriodSeconds() != null) {
        grace = sent.gracePeriodSeconds();
      }
      List<String> dryRunOption = sent.dryRun();
      if (dryRunOption != null && !dryRunOption.isEmpty()) {
        if (!dryRunOption.equals(List.of("All"))) {
          return refused(ApiErrors.badRequest(PodRoutes.unsupportedDryRun(dryRunOption)));
        }
        dry = true;
      }
      policy = sent.propagationPolicy();
      if (policy != null && !POLICIES.contains(policy)) {
        return refused(
            ApiErrors.badRequest(
                "propagationPolicy: Unsupported value: \"%s\": supported values: \"Orphan\","
                        .formatted(policy)
                    + " \"Background\", \"Foreground\""));
      }
      Map<String, Object> preconditions = sent.preconditions();
      if (preconditions != null) {
        uid = text(preconditions.get("uid"));
        version = text(preconditions.get("resourceVersion"));
      }
    }
    return new Deletion(
        grace != null && grace < 0 ? Long.valueOf(0) : grace, dry, policy, uid, version, null);
  }

  private static Deletion refused(Status error) {
    return new Deletion(null, false, null, null, null, error);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
