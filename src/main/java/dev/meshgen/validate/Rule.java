package dev.meshgen.validate;

/** One named rule of the setup: it reads the model and reports what breaks traffic, with how to fix it. */
interface Rule {
  /** A short name, shown after each finding so a user can look the rule up in the README. */
  String name();

  void check(Setup setup, Findings findings);
}
