package dev.meshgen.render;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * FreeMarker output format for YAML: every {@code ${...}} is auto-escaped into a safe YAML scalar,
 * so a template cannot forget to quote a value. Strings from the data model arrive pre-quoted by
 * {@link YamlWrapper}; anything computed in a template is quoted here.
 */
final class YamlOutputFormat extends CommonMarkupOutputFormat<YamlOutputFormat.Scalar> {
  static final YamlOutputFormat INSTANCE = new YamlOutputFormat();

  private YamlOutputFormat() {}

  /** A piece of YAML text that is already safe to insert. */
  static final class Scalar extends CommonTemplateMarkupOutputModel<Scalar> {
    Scalar(String plainText, String markupText) {
      super(plainText, markupText);
    }

    @Override
    public YamlOutputFormat getOutputFormat() {
      return INSTANCE;
    }
  }

  @Override
  public String getName() {
    return "YAML";
  }

  @Override
  public String getMimeType() {
    return "application/yaml";
  }

  @Override
  public void output(String textToEsc, Writer out) throws IOException {
    out.write(escapePlainText(textToEsc));
  }

  @Override
  public String escapePlainText(String plainTextContent) {
    return YamlScalars.quote(plainTextContent);
  }

  @Override
  public boolean isLegacyBuiltInBypassed(String builtInName) {
    return false;
  }

  @Override
  protected Scalar newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
    return new Scalar(plainTextContent, markupContent);
  }
}
