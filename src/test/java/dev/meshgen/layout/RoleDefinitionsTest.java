package dev.meshgen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshgen.TestProject;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.MeshgenException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9: a role definition is read by the one YAML reader, so its errors carry file:line:col. */
class RoleDefinitionsTest {
  @TempDir Path dir;

  private List<String> problems(String roleYaml) {
    Path overlays = dir.resolve("overlays");
    TestProject.write(overlays.resolve("local/role.yaml"), roleYaml);
    TestProject.write(overlays.resolve("local/patches/p.yaml"), "kind: IstioOperator\n");
    MeshgenException e = assertThrows(MeshgenException.class, () -> RoleDefinitions.load(overlays));
    return e.diagnostics().stream().map(Diagnostic::toString).map(s -> s.replace(overlays + "/", "")).toList();
  }

  @Test
  void load_unknownKey_namesFileLineAndColumn() {
    assertEquals(List.of("local/role.yaml:2:3: error: patches[0].pth: unknown key (did you mean 'path'?)"),
        problems("patches:\n- pth: patches/p.yaml\n  target: {kind: IstioOperator}\n").subList(0, 1));
  }

  @Test
  void load_patchOutsideItsFolder_pointsAtThePath() {
    assertEquals(List.of("local/role.yaml:3:9: error: patches[0].path: must name a file in this role's patches/ folder, "
            + "such as patches/egress-resources.yaml; got '../../x.yaml'"),
        problems("description: local\npatches:\n- path: ../../x.yaml\n"));
  }

  @Test
  void load_missingPatchFile_pointsAtThePath() {
    assertEquals(List.of("local/role.yaml:2:9: error: patches[0].path: file not found: local/patches/missing.yaml"),
        problems("patches:\n- path: patches/missing.yaml\n"));
  }

  @Test
  void load_invalidYaml_namesTheLine() {
    assertEquals(List.of("local/role.yaml:2:1: error: invalid YAML: a tab character where YAML allows only spaces; indent with spaces"),
        problems("patches:\n\t- path: patches/p.yaml\n"));
  }

  @Test
  void load_duplicateKey_namesBothLines() {
    assertEquals(List.of("local/role.yaml:2:1: error: description: duplicate key (first written at line 1)"),
        problems("description: a\ndescription: b\n"));
  }

  @Test
  void load_targetNotAMapping_pointsAtIt() {
    assertEquals(List.of("local/role.yaml:3:11: error: patches[0].target: must be a mapping such as {kind: IstioOperator}"),
        problems("patches:\n- path: patches/p.yaml\n  target: IstioOperator\n"));
  }

  @Test
  void load_json6902Patch_isKeptWithItsParsedDocument() throws Exception {
    Path overlays = dir.resolve("overlays");
    TestProject.write(overlays.resolve("local/role.yaml"), "patches:\n- path: patches/p.yaml\n  target: {kind: IstioOperator}\n");
    TestProject.write(overlays.resolve("local/patches/p.yaml"), "- op: replace\n  path: /spec/profile\n  value: empty\n");
    RoleDefinition.Patch patch = RoleDefinitions.load(overlays).get(dev.meshgen.plan.Role.LOCAL).patches().get(0);
    assertEquals("replace", patch.root().path(0).path("op").asText());
    assertEquals(overlays.resolve("local/patches/p.yaml").toString(), patch.file());
  }

  @Test
  void load_json6902OperationTypo_pointsAtIt() {
    Path overlays = dir.resolve("overlays");
    TestProject.write(overlays.resolve("local/role.yaml"), "patches:\n- path: patches/p.yaml\n");
    TestProject.write(overlays.resolve("local/patches/p.yaml"), "- op: replcae\n  path: spec/profile\n");
    MeshgenException e = assertThrows(MeshgenException.class, () -> RoleDefinitions.load(overlays));
    assertEquals(List.of("local/patches/p.yaml:1:7: error: [0].op: must be one of add, remove, replace, move, copy, test",
            "local/patches/p.yaml:2:9: error: [0].path: must be a JSON pointer such as /spec/replicas"),
        e.diagnostics().stream().map(Diagnostic::toString).map(s -> s.replace(overlays + "/", "")).toList());
  }
}
