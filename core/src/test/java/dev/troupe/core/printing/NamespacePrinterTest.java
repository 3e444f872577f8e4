package dev.troupe.core.printing;

import static dev.troupe.core.printing.PrintingObjects.NOW;
import static dev.troupe.core.printing.PrintingObjects.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.core.model.KubeObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespacePrinterTest {

  private final NamespacePrinter printer = new NamespacePrinter();

  @Test
  void aNamespaceShowsItsPhaseAndAge() {
    KubeObject namespace = object("team-a", "\"status\":{\"phase\":\"Terminating\"}");

    assertThat(printer.cells(namespace, NOW)).containsExactly("team-a", "Terminating", "5m");
  }

  @Test
  void theColumnsAreNameStatusAndAge() {
    assertThat(printer.columnDefinitions().stream().map(TableColumnDefinition::name))
        .containsExactly("Name", "Status", "Age");
  }

  @Test
  void rowsCarryTheNamespaceAsANamespace() {
    KubeObject namespace = object("team-a", "");

    assertThat(printer.withTypeMeta(namespace).kind()).isEqualTo("Namespace");
    assertThat(printer.withTypeMeta(namespace).apiVersion()).isEqualTo("v1");
    assertThat(printer.cells(namespace, NOW)).isEqualTo(List.of("team-a", "", "5m"));
  }
}
