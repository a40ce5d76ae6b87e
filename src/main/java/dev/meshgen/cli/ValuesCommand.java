package dev.meshgen.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshgen.diagnostic.Location;
import dev.meshgen.diagnostic.MeshgenException;
import dev.meshgen.environment.Environments;
import dev.meshgen.render.YamlScalars;
import dev.meshgen.yaml.YamlNode;
import java.io.PrintStream;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code meshgen values}: the merged properties of one environment (defaults, its file, values files,
 * {@code --set}), each with the file, line and column that set it, as {@code helm get values --all}
 * or {@code kapitan inventory} show them (issue 12). Checked like a render; writes nothing.
 */
final class ValuesCommand implements Command {
  private static final String SUMMARY = "Show one environment's merged properties (defaults, its file, -f files, "
      + "--set) and where each value was set: YAML with the place as a comment, or JSON.";

  @Override
  public String name() {
    return "values";
  }

  @Override
  public String summary() {
    return "show an environment's merged properties and where each came from";
  }

  @Override
  public String onFailure() {
    return ".";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws MeshgenException, UsageException {
    Options options = SharedOptions.add(new Options());
    options.addOption(Option.builder().longOpt("format").hasArg().argName("yaml|json")
        .desc("yaml with each value's place as a comment (default), or json: a list of {path, value, file, line, column}").get());
    CommandLine line = SharedOptions.parse(options, args);
    if (SharedOptions.helpShown(line, options, name(), SUMMARY, out)) {
      return Cli.OK;
    }
    String format = line.getOptionValue("format", "yaml");
    if (!format.equals("yaml") && !format.equals("json")) {
      throw new UsageException("--format must be yaml or json, got '" + format + "'");
    }
    String[] named = line.getOptionValues("env");
    if (line.hasOption("all") || named == null || named.length != 1) {
      throw new UsageException("values shows one environment: give --env NAME once");
    }
    SharedOptions.checkSelection(line);
    YamlNode.Mapping merged = Environments.loadLocated(SharedOptions.sources(line).environments(), named[0],
        SharedOptions.overrides(line)).locations().merged();
    if (format.equals("json")) {
      ArrayNode list = new ObjectMapper().createArrayNode();
      json(merged, "", list);
      try {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      StringBuilder b = new StringBuilder("# meshgen values --env " + named[0]
          + ": the merged properties; each comment says where the value was set\n");
      yaml(merged, 0, b);
      out.print(b);
    }
    return Cli.OK;
  }

  private static void yaml(YamlNode node, int indent, StringBuilder b) {
    String pad = " ".repeat(indent);
    if (node instanceof YamlNode.Mapping m) {
      for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
        YamlNode v = e.getValue().value();
        b.append(pad).append(YamlScalars.quote(e.getKey())).append(':');
        if (v instanceof YamlNode.Scalar s) {
          b.append(' ').append(scalar(s)).append("  # ").append(where(s.location())).append('\n');
        } else if (v.isEmpty()) {
          b.append(v.isArray() ? " []" : " {}").append("  # ").append(where(v.location())).append('\n');
        } else {
          b.append('\n');
          yaml(v, indent + 2, b);
        }
      }
    } else if (node instanceof YamlNode.Sequence seq) {
      for (YamlNode item : seq.items()) {
        if (item instanceof YamlNode.Scalar s) {
          b.append(pad).append("- ").append(scalar(s)).append("  # ").append(where(s.location())).append('\n');
        } else {
          b.append(pad).append("-\n");
          yaml(item, indent + 2, b);
        }
      }
    }
  }

  private static String scalar(YamlNode.Scalar s) {
    Object v = s.value();
    return v instanceof String text ? YamlScalars.quote(text) : String.valueOf(v);
  }

  private static String where(Location l) {
    return l.toString();
  }

  private static void json(YamlNode node, String path, ArrayNode out) {
    if (node instanceof YamlNode.Mapping m) {
      m.entries().forEach((k, e) -> json(e.value(), path.isEmpty() ? k : path + "." + k, out));
    } else if (node instanceof YamlNode.Sequence seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        json(seq.items().get(i), path + "[" + i + "]", out);
      }
    } else if (node instanceof YamlNode.Scalar s) {
      ObjectNode o = out.addObject();
      o.put("path", path);
      Object v = s.value();
      if (v instanceof Long l) {
        o.put("value", l);
      } else if (v instanceof Boolean bool) {
        o.put("value", bool);
      } else if (v instanceof Double d) {
        o.put("value", d);
      } else if (v == null) {
        o.putNull("value");
      } else {
        o.put("value", String.valueOf(v));
      }
      o.put("file", s.location().file());
      o.put("line", s.location().line());
      o.put("column", s.location().column());
    }
  }
}
