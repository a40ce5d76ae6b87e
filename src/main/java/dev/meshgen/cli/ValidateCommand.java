package dev.meshgen.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshgen.diagnostic.Diagnostic;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.pipeline.Pipeline;
import java.io.PrintStream;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code meshgen validate}: renders in memory and reports every finding; writes nothing. */
final class ValidateCommand implements Command {
  private static final String SUMMARY = "Render environments in memory and report what is wrong, one finding a "
      + "line (file:line:col: error|warning: message), then a summary. Exit 0 when there is no error.";

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String onFailure() {
    return ".";
  }

  @Override
  public String summary() {
    return "check property files and rendered resources; write nothing";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
    Options options = SharedOptions.add(new Options());
    options.addOption(Option.builder().longOpt("format").hasArg().argName("text|json")
        .desc("report format (default text)").build());
    CommandLine line = SharedOptions.parse(options, args);
    if (SharedOptions.helpShown(line, options, name(), SUMMARY, out)) {
      return Cli.OK;
    }
    String format = line.getOptionValue("format", "text");
    if (!format.equals("text") && !format.equals("json")) {
      throw new UsageException("--format must be text or json, got '" + format + "'");
    }
    SharedOptions.checkSelection(line);
    List<String> names = List.of();
    List<Diagnostic> findings;
    try {
      Pipeline pipeline = SharedOptions.pipeline(line);
      names = SharedOptions.environments(line, pipeline);
      findings = SharedOptions.strict(line, pipeline.check(names, SharedOptions.overrides(line)).findings());
    } catch (MeshgenException e) {
      findings = e.diagnostics();
    }
    boolean failed = findings.stream().anyMatch(Diagnostic::isError);
    if (format.equals("json")) {
      out.println(json(names, findings));
    } else {
      Diagnostics.print(findings, out);
      // A few names read well; 200 of them would bury the summary (issue 12).
      String which = names.size() <= 5 ? String.join(", ", names) : names.size() + " environments";
      out.println("meshgen validate: " + which + ": " + Diagnostics.summary(findings)
          + (failed ? "" : "; valid"));
    }
    return failed ? Cli.FAILED : Cli.OK;
  }

  private static String json(List<String> names, List<Diagnostic> findings) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ArrayNode envs = root.putArray("environments");
    names.forEach(envs::add);
    ArrayNode list = root.putArray("findings");
    for (Diagnostic d : findings.stream().sorted(Diagnostic.ORDER).toList()) {
      ObjectNode f = list.addObject();
      f.put("file", d.location().file());
      f.put("line", d.location().line());
      f.put("column", d.location().column());
      f.put("severity", d.severity().label());
      f.put("rule", d.rule().isEmpty() ? "input" : d.rule());
      f.put("path", d.path());
      f.put("message", d.message());
    }
    long errors = findings.stream().filter(Diagnostic::isError).count();
    long warnings = findings.stream().filter(Diagnostic::isWarning).count();
    root.put("errors", errors);
    root.put("warnings", warnings);
    root.put("acknowledged", findings.size() - errors - warnings);
    try {
      return mapper.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
