package dev.meshgen;

import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.reporters.AutoApproveReporter;
import org.approvaltests.reporters.JunitReporter;

/**
 * ApprovalTests settings for every test under dev.meshgen. Approved files live in
 * src/test/resources-like folders next to the tests ("approved/"). A mismatch fails the test with
 * a JUnit diff (there is no GUI diff tool on build machines); with MESHGEN_APPROVE=1 the received
 * output is approved instead (see README, "Re-approving rendered output").
 */
public final class PackageSettings {
  public static ApprovalFailureReporter UseReporter =
      TestProject.approving()
          ? new AutoApproveReporter()
          : new JunitReporter();

  public static String UseApprovalSubdirectory = "approved";

  private PackageSettings() {}
}
