package dev.meshgen.render;

import freemarker.template.DefaultObjectWrapper;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.Version;

/**
 * Wraps the data model for templates: strings become pre-quoted YAML scalars and integers their
 * decimal digits, both inserted as-is; maps, lists and booleans behave as usual. No Java method
 * or class is reachable from a template.
 */
final class YamlWrapper extends DefaultObjectWrapper {
  YamlWrapper(Version version) {
    super(version);
    setExposureLevel(EXPOSE_NOTHING);
    setUseAdaptersForContainers(true);
    setForceLegacyNonListCollections(false);
    writeProtect();
  }

  @Override
  public TemplateModel wrap(Object obj) throws TemplateModelException {
    if (obj instanceof String s) {
      return new YamlOutputFormat.Scalar(s, YamlScalars.quote(s));
    }
    if (obj instanceof Integer || obj instanceof Long) {
      String digits = obj.toString();
      return new YamlOutputFormat.Scalar(digits, digits);
    }
    return super.wrap(obj);
  }
}
