package dev.troupe.node.runtime;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the Docker runtime words the engine's failures and its absence. */
final class DockerErrors {

  private static final Pattern JSON_MESSAGE =
      Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private DockerErrors() {}

  /** The message of {@link RuntimeUnavailable}: what failed, and what to do about it. */
  static String unreachable(String dockerHost, String why) {
    return "Cannot reach the Docker engine at "
        + dockerHost
        + ": "
        + why
        + ". Start it (for example `dockerd`, or run scripts/setup-machine) or pass --docker-host.";
  }

  /** Docker's own words: the {@code message} of an error body, or the exception's message. */
  static String dockerMessage(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    Matcher m = JSON_MESSAGE.matcher(message);
    if (m.find()) {
      return m.group(1).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\").trim();
    }
    message =
        message.replaceFirst("^Status \\d+: ", "").replaceFirst("^Could not pull image: ", "");
    return message.trim();
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  static boolean hasIoCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
