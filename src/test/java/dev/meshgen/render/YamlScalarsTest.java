package dev.meshgen.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlScalarsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "httpbin.org | httpbin.org",
      "1-16 | 1-16",
      "1.16.0-solo | 1.16.0-solo",
      "us-docker.pkg.dev/gloo-mesh/istio-workshops | us-docker.pkg.dev/gloo-mesh/istio-workshops",
      "*.external | \"*.external\"",
      "80 | \"80\"",
      "1.16 | \"1.16\"",
      "yes | \"yes\"",
      "NULL | \"NULL\"",
      "`a: b` | \"a: b\"",
      "`say \"hi\"` | \"say \\\"hi\\\"\"",
  })
  void quote_quotesOnlyWhatYamlWouldMisread(String value, String expected) {
    assertEquals(expected, YamlScalars.quote(value));
  }

  @org.junit.jupiter.api.Test
  void quote_controlCharacters_areEscaped() {
    assertEquals("\"a\\nb\\u0000c\\u2028\"", YamlScalars.quote("a\nb\u0000c\u2028"));
    assertEquals("\"\"", YamlScalars.quote(""));
  }
}
