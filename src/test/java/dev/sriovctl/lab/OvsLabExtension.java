package dev.sriovctl.lab;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.util.Optional;

/**
 * One {@link OvsLab} per test class:
 * <pre>
 * &#64;Tag("lab")
 * class SomethingLabTest {
 *     &#64;RegisterExtension
 *     static final OvsLabExtension LAB = new OvsLabExtension(LabTopology.guideHost(4).withIfupdown2());
 *
 *     &#64;Test void ...() { LabHost host = LAB.host(); ... }
 * }
 * </pre>
 * Where this machine cannot run the lab (not root, packages missing, no network namespaces) the
 * class is skipped with the reason printed loudly; with {@code SRIOVCTL_LAB=require} (CI) that
 * fails instead. A lab that could start but broke is always a failure. When a test fails, the
 * lab's OVS view and vswitchd log tail are printed. The lab is closed after the class, also after
 * failures.
 */
public final class OvsLabExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final LabTopology topology;
    private OvsLab lab;
    private LabHost host;

    public OvsLabExtension(LabTopology topology) {
        this.topology = topology;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<String> missing = LabPrerequisites.missing(topology);
        if (missing.isPresent()) {
            String msg = "OVS LAB NOT RUN for " + context.getDisplayName() + ": " + missing.get();
            System.err.println("\n" + "!".repeat(100) + "\n!!! " + msg + "\n" + "!".repeat(100) + "\n");
            if (LabPrerequisites.required()) Assertions.fail(msg + " (SRIOVCTL_LAB=require)");
            Assumptions.abort(msg);
        }
        lab = OvsLab.start(topology);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lab != null) {
            try {
                lab.close();
            } finally {
                lab = null;
                host = null;
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (lab != null) System.err.println(lab.diagnostics());
    }

    public OvsLab lab() {
        if (lab == null) throw new IllegalStateException("the lab is not running (register with @RegisterExtension on a static field)");
        return lab;
    }

    /** A {@link LabHost} over this lab (one per class). */
    public LabHost host() {
        if (host == null) host = new LabHost(lab());
        return host;
    }
}
