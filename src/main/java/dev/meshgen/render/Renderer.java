package dev.meshgen.render;

import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.manifest.Manifest;
import dev.meshgen.plan.Plan;
import dev.meshgen.plan.PlannedResource;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders planned resources with the FreeMarker templates of one folder, one template per resource
 * type. FreeMarker is locked down: no {@code ?new}, no {@code ?api}, no Java methods, undefined
 * values are errors, numbers in computer format, ROOT locale and UTC. Templates are parsed once
 * and shared by every render; a {@code Renderer} is safe to use from several threads.
 */
public final class Renderer {
  private final Path templatesDir;
  private final Configuration configuration;
  private final Map<String, Template> templates = new ConcurrentHashMap<>();

  private Renderer(Path templatesDir, Configuration configuration) {
    this.templatesDir = templatesDir;
    this.configuration = configuration;
  }

  /** A renderer for the templates in {@code templatesDir}. */
  public static Renderer forTemplates(Path templatesDir) throws MeshgenException {
    Objects.requireNonNull(templatesDir, "templatesDir");
    if (!Files.isDirectory(templatesDir)) {
      throw MeshgenException.of(templatesDir.toString(), "templates folder not found");
    }
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setTemplateLoader(new TemplateFiles(templatesDir));
    cfg.setDefaultEncoding("UTF-8");
    cfg.setOutputEncoding("UTF-8");
    cfg.setLocale(Locale.ROOT);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setSQLDateAndTimeTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setNumberFormat("c");
    cfg.setBooleanFormat("c");
    cfg.setLocalizedLookup(false);
    cfg.setRecognizeStandardFileExtensions(false);
    cfg.setOutputFormat(YamlOutputFormat.INSTANCE);
    cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setObjectWrapper(new YamlWrapper(Configuration.VERSION_2_3_34));
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setAttemptExceptionReporter((e, env) -> { });
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    return new Renderer(templatesDir, cfg);
  }

  /** Renders every resource of {@code plan}, checking each result is one YAML document of the planned identity. */
  public List<RenderedResource> render(Plan plan) throws MeshgenException {
    List<RenderedResource> out = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (PlannedResource resource : plan.resources()) {
      try {
        out.add(render(plan.environment(), resource));
      } catch (MeshgenException e) {
        problems.addAll(e.diagnostics());
      }
    }
    if (!problems.isEmpty()) {
      throw new MeshgenException(problems.stream().distinct().toList());
    }
    return out;
  }

  private RenderedResource render(String environment, PlannedResource resource) throws MeshgenException {
    String shownTemplate = templatesDir.resolve(resource.template()).toString();
    Template template = template(resource.template(), shownTemplate);
    StringWriter text = new StringWriter();
    try {
      template.process(resource.values(), text);
    } catch (TemplateException e) {
      rethrowRefusal(e); // an #include or #import that the door refused
      throw new MeshgenException(Diagnostic.error(
          new Location(templatesDir.resolve(Objects.requireNonNullElse(e.getTemplateSourceName(), resource.template())).toString(),
              Objects.requireNonNullElse(e.getLineNumber(), 0), Objects.requireNonNullElse(e.getColumnNumber(), 0)),
          resource.kind() + " " + resource.name(),
          firstLine(e.getMessageWithoutStackTop())));
    } catch (IOException e) {
      rethrowRefusal(e);
      throw MeshgenException.of(shownTemplate, "cannot render: " + e.getClass().getSimpleName());
    }
    String path = resource.unit().folder() + "/" + resource.fileName();
    Manifest manifest = parse(environment, path, resource, shownTemplate, header(environment, resource.template()) + text);
    checkIdentity(resource, shownTemplate, manifest);
    return new RenderedResource(resource, shownTemplate, manifest);
  }

  /** The first line of every rendered file: where it came from. */
  private static String header(String environment, String template) {
    return "# Generated by meshgen from environment " + environment + " with template " + template
        + ". Edit those, not this file.\n";
  }

  /**
   * Parses the output once, here; YAML the template broke is reported against the template, with
   * the line of the output and what that line reads (output lines do not map to template lines).
   */
  private static Manifest parse(String environment, String path, PlannedResource resource, String template, String text)
      throws MeshgenException {
    try {
      return Manifest.parse(environment, path, resource.unit(), text);
    } catch (MeshgenException e) {
      List<Diagnostic> named = new ArrayList<>();
      for (Diagnostic d : e.diagnostics()) {
        int line = d.location().line();
        String where = line > 0 ? " at line " + line + ", column " + d.location().column()
            + " of its output (line 1 is meshgen's header)" : "";
        String reads = line > 0 ? "; that line reads: " + quoteLine(text, line) : "";
        named.add(Diagnostic.error(Location.ofFile(template), "", "renders " + resource.kind() + " "
            + resource.name() + " as YAML that cannot be read" + where + ": " + d.message() + reads));
      }
      throw new MeshgenException(named);
    }
  }

  private static String quoteLine(String text, int line) {
    String l = text.lines().skip(line - 1L).findFirst().orElse("");
    return "'" + (l.length() > 120 ? l.substring(0, 120) + "…" : l) + "'";
  }

  private Template template(String name, String shown) throws MeshgenException {
    Template cached = templates.get(name);
    if (cached != null) {
      return cached;
    }
    try {
      Template template = configuration.getTemplate(name);
      templates.put(name, template);
      return template;
    } catch (TemplateNotFoundException e) {
      throw MeshgenException.of(shown, "template not found: every resource type needs its template in " + templatesDir);
    } catch (ParseException e) {
      throw new MeshgenException(Diagnostic.error(
          new Location(templatesDir.resolve(Objects.requireNonNullElse(e.getTemplateName(), name)).toString(),
              e.getLineNumber(), e.getColumnNumber()),
          "", "template syntax: " + firstLine(e.getEditorMessage())));
    } catch (IOException e) {
      rethrowRefusal(e);
      throw MeshgenException.of(shown, "cannot read template: " + e.getClass().getSimpleName());
    }
  }

  /** A template must produce exactly one document of the planned kind, name and namespace. */
  private static void checkIdentity(PlannedResource resource, String template, Manifest m) throws MeshgenException {
    String kind = m.kind();
    String name = m.name();
    String namespace = m.namespace().isEmpty() ? null : m.namespace();
    if (!resource.kind().equals(kind) || !resource.name().equals(name)
        || !Objects.equals(resource.namespace(), namespace)) {
      throw MeshgenException.of(template, "rendered " + kind + " " + namespace + "/" + name + " but the plan is "
          + resource.kind() + " " + resource.namespace() + "/" + resource.name());
    }
  }

  /** The door's refusal of a template file, if that is what {@code e} carries. */
  private static void rethrowRefusal(Throwable e) throws MeshgenException {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TemplateFiles.Refused refused) {
        throw refused.refusal;
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "failed";
    }
    return message.lines().filter(l -> !l.isBlank()).findFirst().orElse("failed").trim();
  }
}
