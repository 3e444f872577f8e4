package dev.troupe.core.model;

import java.util.List;

/**
 * An HTTP GET against the pod: {@code port} by number or by the name of a container port; {@code
 * path} defaults to {@code /} and {@code scheme} to {@code HTTP}.
 */
public record HTTPGetAction(
    String path, IntOrString port, String host, String scheme, List<HTTPHeader> httpHeaders) {

  public static final String SCHEME_HTTP = "HTTP";
  public static final String SCHEME_HTTPS = "HTTPS";

  public HTTPGetAction withPathAndScheme(String newPath, String newScheme) {
    return new HTTPGetAction(newPath, port, host, newScheme, httpHeaders);
  }
}
