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
        assumeLabCanRun(topology, context.getDisplayName());
        lab = OvsLab.start(topology);
    }

    /**
     * Skips the calling test (class) with a loud reason when this machine cannot run the lab, or
     * fails it when {@code SRIOVCTL_LAB=require}. For lab tests that do not need a running lab.
     */
    public static void assumeLabCanRun(LabTopology topology, String who) {
        Optional<String> missing = LabPrerequisites.missing(topology);
        if (missing.isEmpty()) return;
        String msg = "OVS LAB NOT RUN for " + who + ": " + missing.get();
        System.err.println("\n" + "!".repeat(100) + "\n!!! " + msg + "\n" + "!".repeat(100) + "\n");
        if (LabPrerequisites.required()) Assertions.fail(msg + " (SRIOVCTL_LAB=require)");
        Assumptions.abort(msg);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lab != null) {
            hold(lab);
            try {
                lab.close();
            } finally {
                lab = null;
                host = null;
            }
        }
    }

    /**
     * With {@code -Dsriovctl.lab.hold=SECONDS}, keeps the lab up after the class for a person to look
     * at it (docs/lab.md, "By hand"), printing how to reach it.
     */
    private static void hold(OvsLab lab) {
        long seconds = Long.getLong("sriovctl.lab.hold", 0L);
        if (seconds <= 0) return;
        StringBuilder sb = new StringBuilder("[lab " + lab.name() + "] holding for " + seconds + " s; in another shell:\n");
        lab.ovsEnvironment().forEach((k, v) -> sb.append("  export ").append(k).append('=').append(v).append('\n'));
        sb.append("  ovs-vsctl show; ovs-appctl bond/show; ovs-appctl lacp/show\n")
                .append("  ip netns exec ").append(lab.switchNamespace()).append(" ip -br addr\n")
                .append("  ip netns exec ").append(lab.torNamespace()).append(" ping ").append(LabTopology.BRIDGE_ADDRESS).append('\n');
        if (!lab.topology().representors().isEmpty()) {
            sb.append("  ip netns exec ").append(lab.vmNamespace(0)).append(" ping ").append(LabTopology.TOR_ADDRESS).append('\n');
        }
        System.err.print(sb);
        LabProcesses.sleep(java.time.Duration.ofSeconds(seconds));
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
