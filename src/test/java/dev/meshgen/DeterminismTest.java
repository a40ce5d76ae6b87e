package dev.meshgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same inputs give the same bytes, whatever the default locale and time zone. */
class DeterminismTest {
  @TempDir Path dir;

  @Test
  void render_twiceUnderOtherLocaleAndZone_isByteIdentical() {
    Map<String, String> first = renderAll(dir.resolve("a"));
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      // Turkish dotless i breaks naive toLowerCase; Kiritimati is UTC+14.
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      Map<String, String> second = renderAll(dir.resolve("b"));
      assertEquals(first, second);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  private static Map<String, String> renderAll(Path out) {
    TestProject.Result r = TestProject.render(TestProject.sources(), out, "--all");
    assertEquals(0, r.exit(), r.err());
    return TestProject.snapshot(out);
  }
}
