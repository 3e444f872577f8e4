package dev.troupe.node.runtime;

/**
 * An image reference split the way the engine's pull wants it: the repository (with any registry
 * host and port) and a tag or digest, {@code latest} when the reference names neither.
 */
record ImageRef(String repository, String tag, String digest) {

  static ImageRef parse(String image) {
    String name = image;
    String digest = null;
    int at = name.indexOf('@');
    if (at >= 0) {
      digest = name.substring(at + 1);
      name = name.substring(0, at);
    }
    String tag = null;
    int colon = name.lastIndexOf(':');
    // a colon before the last slash separates a registry's port, not a tag
    if (colon > name.lastIndexOf('/')) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
    }
    return new ImageRef(name, tag, digest);
  }

  /** What the engine's {@code tag} parameter takes: a digest wins over a tag. */
  String pullTag() {
    if (digest != null) {
      return digest;
    }
    return tag != null ? tag : "latest";
  }
}
