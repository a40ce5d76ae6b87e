package dev.meshgen.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.plan.Plan;
import dev.meshgen.plan.PlannedResource;
import dev.meshgen.plan.Unit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: what a template renders is parsed once, where it is rendered; a template that writes
 * YAML no reader takes is named, with the line of its output and what that line reads.
 */
class TemplateOutputTest {
  @TempDir Path dir;

  private List<String> render(String template) throws Exception {
    TestProject.write(dir.resolve("namespace.yaml.ftl"), template);
    Renderer renderer = Renderer.forTemplates(dir);
    PlannedResource ns = new PlannedResource(Unit.MGMT, "Namespace", "ops", null, Map.of("name", "ops"));
    MeshgenException e = assertThrows(MeshgenException.class, () -> renderer.render(new Plan("env", List.of(ns), List.of())));
    return e.diagnostics().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void render_templateBreaksYaml_namesTheTemplateAndTheOutputLine() throws Exception {
    assertEquals(List.of(dir.resolve("namespace.yaml.ftl") + ": error: renders Namespace ops as YAML that cannot be read "
            + "at line 5, column 10 of its output (line 1 is meshgen's header): invalid YAML: mapping values are not allowed here; "
            + "that line reads: '  name: a: b'"),
        render("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a: b\n"));
  }

  @Test
  void render_templateWritesTwoDocuments_isRefused() throws Exception {
    assertEquals(List.of(dir.resolve("namespace.yaml.ftl") + ": error: renders Namespace ops as YAML that cannot be read "
            + "at line 7, column 1 of its output (line 1 is meshgen's header): a resource file holds one YAML document; "
            + "remove the second '---' document; that line reads: 'kind: Namespace'"),
        render("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n---\nkind: Namespace\n"));
  }

  @Test
  void render_templateRendersAnotherName_isRefused() throws Exception {
    assertEquals(List.of(dir.resolve("namespace.yaml.ftl") + ": error: rendered Namespace null/other but the plan is Namespace null/ops"),
        render("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n"));
  }
}
