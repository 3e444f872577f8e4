package dev.troupe.core.kinds;

import dev.troupe.core.api.ResourceType;
import dev.troupe.core.api.ResourceTypes;
import dev.troupe.core.model.KubeObject;
import dev.troupe.core.model.Node;
import dev.troupe.core.printing.NodePrinter;
import dev.troupe.core.printing.TablePrinter;

/**
 * core/v1 Nodes, cluster-scoped. What a node reports about itself is its status; nothing in its
 * spec has a default, and nothing beyond its name is checked.
 */
public final class NodeKind implements StoredKind {

  public static final NodeKind INSTANCE = new NodeKind();

  private static final NodePrinter PRINTER = new NodePrinter();

  private NodeKind() {}

  @Override
  public ResourceType type() {
    return ResourceTypes.NODES;
  }

  @Override
  public Class<? extends Record> model() {
    return Node.class;
  }

  @Override
  public TablePrinter<KubeObject> printer() {
    return PRINTER;
  }
}
