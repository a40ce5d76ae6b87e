package dev.meshgen.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshgen.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every meshgen command and option that the Jenkinsfile's stage scripts use exists. */
class JenkinsfileTest {
  private static final Pattern SCRIPT = Pattern.compile("sh '(jenkins/[a-z-]+\\.sh)'");
  private static final Pattern INVOCATION = Pattern.compile("\\./meshgen ([a-z]+)(.*)");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");
  private static final Pattern ARRAY = Pattern.compile("([a-z_]+)\\+?=\\((.*)\\)");
  private static final Pattern EXPANSION = Pattern.compile("\\$\\{([a-z_]+)\\[@]}");

  @Test
  void jenkinsfile_stagesRunScriptsThatExist() throws Exception {
    String jenkinsfile = Files.readString(TestProject.root().resolve("Jenkinsfile"));
    List<String> scripts = scripts(jenkinsfile);
    assertEquals(List.of("jenkins/build.sh", "jenkins/pull-request.sh", "jenkins/publish.sh"), scripts);
    for (String s : scripts) {
      Path script = TestProject.root().resolve(s);
      assertTrue(Files.isExecutable(script), s + " must exist and be executable");
    }
    for (String step : List.of("disableConcurrentBuilds()", "lock(", "gitUsernamePassword(", "changeRequest()",
        "branch 'main'", "junit ", "archiveArtifacts")) {
      assertTrue(jenkinsfile.contains(step), "Jenkinsfile lacks " + step);
    }
  }

  @Test
  void stageScripts_useOnlyCommandsAndOptionsThatExist() throws Exception {
    int invocations = 0;
    for (String s : scripts(Files.readString(TestProject.root().resolve("Jenkinsfile")))) {
      List<String> lines = Files.readAllLines(TestProject.root().resolve(s));
      Map<String, TreeSet<String>> arrays = new HashMap<>();
      for (String line : lines) {
        Matcher a = ARRAY.matcher(line.strip());
        if (a.find()) {
          arrays.computeIfAbsent(a.group(1), k -> new TreeSet<>()).addAll(options(a.group(2)));
        }
      }
      for (String line : lines) {
        Matcher m = INVOCATION.matcher(line);
        if (!m.find()) {
          continue;
        }
        invocations++;
        String command = m.group(1);
        TreeSet<String> used = new TreeSet<>(options(m.group(2)));
        Matcher e = EXPANSION.matcher(m.group(2));
        while (e.find()) {
          used.addAll(arrays.getOrDefault(e.group(1), new TreeSet<>()));
        }
        TestProject.Result help = TestProject.run(command, "--help");
        assertEquals(0, help.exit(), s + ": meshgen has no command '" + command + "'");
        for (String option : used) {
          assertTrue(help.out().contains(option + " ") || help.out().contains(option + "\n"),
              s + ": 'meshgen " + command + "' has no option " + option);
        }
      }
    }
    assertTrue(invocations >= 3, "expected the stage scripts to run meshgen, found " + invocations);
  }

  @Test
  void optionCheck_wouldCatchAMisspeltOption() {
    TestProject.Result help = TestProject.run("publish", "--help");
    assertFalse(help.out().contains("--sourcesha "), "the check above must be able to fail");
    assertTrue(help.out().contains("--source-sha "));
  }

  private static List<String> scripts(String jenkinsfile) {
    List<String> out = new ArrayList<>();
    Matcher m = SCRIPT.matcher(jenkinsfile);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<String> options(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = OPTION.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
