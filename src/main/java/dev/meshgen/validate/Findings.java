package dev.meshgen.validate;

import dev.meshgen.diagnostic.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings of the rules, each at the line of the field it is about. */
final class Findings {
  private final List<Diagnostic> all = new ArrayList<>();
  private String rule = "";

  void rule(String name) {
    rule = name;
  }

  void error(Resource r, String path, String message) {
    all.add(Diagnostic.error(r.at(path), path, message).withRule(rule));
  }

  void warning(Resource r, String path, String message) {
    all.add(Diagnostic.warning(r.at(path), path, message).withRule(rule));
  }

  List<Diagnostic> all() {
    return all;
  }
}
