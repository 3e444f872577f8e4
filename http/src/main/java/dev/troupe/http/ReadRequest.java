package dev.troupe.http;

import dev.troupe.actors.index.Page;
import dev.troupe.actors.index.Selection;
import dev.troupe.core.model.Status;
import dev.troupe.core.printing.IncludeObject;
import dev.troupe.core.selection.FieldSelector;
import dev.troupe.core.selection.LabelSelector;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;

/**
 * A list, watch or get as the client asked for it: selection, watch parameters, and whether the
 * answer is a Table. Built from the query and the Accept header, or refused with a Status.
 */
record ReadRequest(
    Selection selection,
    Page page,
    boolean watch,
    String resourceVersion,
    boolean bookmarks,
    Optional<Duration> timeout,
    boolean table,
    IncludeObject include,
    Optional<WebSocketUpgrade> webSocket) {

  /** The same request, answered over a WebSocket (clients such as fabric8 watch that way). */
  ReadRequest withWebSocket(Optional<WebSocketUpgrade> upgrade) {
    return new ReadRequest(
        selection, page, watch, resourceVersion, bookmarks, timeout, table, include, upgrade);
  }

  /** Either a request or the error to answer with. */
  record Parsed(ReadRequest request, Status error) {}

  /** The fields a kind can be selected by, and how a field it lacks is refused. */
  record Fields(Set<String> supported, java.util.function.Function<String, String> unknown) {
    static final Fields PODS =
        new Fields(FieldSelector.POD_FIELDS, FieldSelector::notSupportedMessage);
  }

  static Parsed parse(
      String namespace, Map<String, String> query, String accept, Fields selectable) {
    String labels = query.getOrDefault("labelSelector", "");
    LabelSelector.Parsed labelSelector = LabelSelector.parse(labels);
    if (!labelSelector.isValid()) {
      return refused("unable to parse requirement: " + labelSelector.error());
    }
    String fields = query.getOrDefault("fieldSelector", "");
    FieldSelector.Parsed fieldSelector = FieldSelector.parse(fields);
    if (!fieldSelector.isValid()) {
      return refused(fieldSelector.error());
    }
    for (String field : fieldSelector.selector().unsupported(selectable.supported())) {
      return refused(selectable.unknown().apply(field));
    }
    Optional<IncludeObject> include = IncludeObject.parse(query.get("includeObject"));
    if (include.isEmpty()) {
      return refused("includeObject: " + IncludeObject.ALLOWED_VALUES);
    }
    String resourceVersion = query.getOrDefault("resourceVersion", "");
    if (!resourceVersion.isEmpty() && !resourceVersion.matches("[0-9]{1,18}")) {
      return refused(
          "resourceVersion: Invalid value: \"%s\": must be a resource version the server gave"
              .formatted(resourceVersion));
    }
    Optional<Duration> timeout = Optional.empty();
    String timeoutSeconds = query.get("timeoutSeconds");
    if (timeoutSeconds != null && !timeoutSeconds.isEmpty()) {
      if (!timeoutSeconds.matches("[0-9]{1,9}")) {
        return refused("timeoutSeconds: Invalid value: \"%s\"".formatted(timeoutSeconds));
      }
      timeout = Optional.of(Duration.ofSeconds(Long.parseLong(timeoutSeconds)));
    }
    String limitText = query.getOrDefault("limit", "");
    int limit = 0;
    if (!limitText.isEmpty()) {
      if (!limitText.matches("[0-9]{1,9}")) {
        return refused("limit: Invalid value: \"%s\"".formatted(limitText));
      }
      limit = Integer.parseInt(limitText);
    }
    Page page = new Page(limit, 0, "");
    String continueToken = query.getOrDefault("continue", "");
    if (!continueToken.isEmpty()) {
      Optional<Page> continued = ContinueTokens.decode(continueToken, limit);
      if (continued.isEmpty()) {
        return refused("continue key is not valid: " + continueToken);
      }
      page = continued.get();
    }
    return new Parsed(
        new ReadRequest(
            new Selection(namespace, labels, fields),
            page,
            isTrue(query.get("watch")),
            resourceVersion,
            isTrue(query.get("allowWatchBookmarks")),
            timeout,
            wantsTable(accept),
            include.get(),
            Optional.empty()),
        null);
  }

  /**
   * Whether the client asked for server-side printing: {@code application/json;as=Table;
   * v=v1;g=meta.k8s.io} among its Accept choices (kubectl lists it first, JSON as a fallback).
   */
  static boolean wantsTable(String accept) {
    if (accept == null) {
      return false;
    }
    for (String choice : accept.split(",")) {
      String c = choice.toLowerCase(Locale.ROOT).replace(" ", "");
      if (c.contains("as=table") && c.contains("g=meta.k8s.io")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTrue(String value) {
    return "true".equals(value) || "1".equals(value);
  }

  private static Parsed refused(String message) {
    return new Parsed(null, ApiErrors.badRequest(message));
  }
}
