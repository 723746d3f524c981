package dev.sriovctl.plan;

import dev.sriovctl.TestHosts;
import dev.sriovctl.observe.ConfigFiles;
import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Lag;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.render.BootUnitsRenderer;
import dev.sriovctl.spec.Spec;
import dev.sriovctl.spec.SpecLoader;
import dev.sriovctl.spec.SpecProblem;
import dev.sriovctl.spec.SpecValidator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named host states for planner tests and golden cases ({@code host=} in a case's
 * case.properties). The lead can add simulated-host cases beside them once the sim is merged.
 */
final class Scenarios {
    private Scenarios() {
    }

    record HostState(Inventory inventory, ConfigFiles files) {
    }

    static HostState named(String name, Spec spec) {
        return switch (name) {
            case "guide-fresh" -> new HostState(TestHosts.guideFresh(), TestHosts.freshFiles());
            case "guide-converged" -> new HostState(TestHosts.guideConverged(), convergedGuide());
            case "guide-converged-vfs-in-vms" -> new HostState(vfsInVms(TestHosts.guideConverged()), convergedGuide());
            case "guide-converged-default-names" -> new HostState(defaultNames(TestHosts.guideConverged()), convergedGuide());
            case "small-maxmtu" -> new HostState(TestHosts.withPf(TestHosts.withPf(TestHosts.guideFresh(), TestHosts.PF0,
                    b -> b.maxMtu(4000)), TestHosts.PF1, b -> b.maxMtu(4000)), TestHosts.freshFiles());
            case "guide-fresh-lag-inactive" -> new HostState(TestHosts.withNics(TestHosts.guideFresh(),
                    List.of(TestHosts.card("0000:81:00", new Lag("disabled", null, null, null, "debugfs"),
                            TestHosts.pf0Fresh(), TestHosts.pf1Fresh()))), TestHosts.freshFiles());
            case "guide-fresh-no-debugfs" -> new HostState(TestHosts.guideFresh(), TestHosts.freshFiles().with(java.util.Map.of(
                    "/proc/mounts", "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\nproc /proc proc rw,relatime 0 0\n")));
            case "guide-fresh-sriov-off" -> new HostState(TestHosts.withPf(TestHosts.withPf(TestHosts.guideFresh(), TestHosts.PF0,
                    b -> b.totalVfs(null)), TestHosts.PF1, b -> b.totalVfs(null)), TestHosts.freshFiles());
            case "two-cards" -> new HostState(TestHosts.withNics(TestHosts.guideFresh(), List.of(
                    TestHosts.card("0000:81:00", TestHosts.pf0Fresh(), TestHosts.pf1Fresh()),
                    TestHosts.card("0000:c1:00", secondCard("0000:c1:00.0", "enp193s0f0np0", "p0"),
                            secondCard("0000:c1:00.1", "enp193s0f1np1", "p1")))), TestHosts.freshFiles());
            case "four-port-card" -> new HostState(TestHosts.withNics(TestHosts.guideFresh(), List.of(
                    TestHosts.card("0000:81:00", TestHosts.pf0Fresh(), TestHosts.pf1Fresh(),
                            secondCard("0000:81:00.2", "enp129s0f2np2", "p2"), secondCard("0000:81:00.3", "enp129s0f3np3", "p3")))),
                    TestHosts.freshFiles());
            case "intel-card" -> new HostState(TestHosts.withNics(TestHosts.guideFresh(), List.of(
                    TestHosts.card("0000:81:00", TestHosts.pf0Fresh(), TestHosts.pf1Fresh()),
                    new dev.sriovctl.observe.Nic("0000:41:00", "Ethernet Controller E810-XXV", "8086", "159b", "ice", false,
                            List.of(secondCard("0000:41:00.0", "ens1f0", null)), null))), TestHosts.freshFiles());
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }

    static Pf secondCard(String pci, String netdev, String port) {
        Pf base = TestHosts.pf0Fresh();
        return new Pf(pci, netdev, base.driver(), base.vendorId(), base.deviceId(), base.subsystemId(), "aa11", port,
                EswitchMode.LEGACY, null, null, 8, 0, 2, 1, "101e", 1500, 9978, "0c:42:a1:00:00:01", "down", null,
                70, 1, null, List.of());
    }

    /** The files of the guide's host once sriovctl converged it with examples/guide-host.yaml. */
    static ConfigFiles convergedGuide() {
        return converged(TestHosts.guideFresh(), SpecLoader.read(dev.sriovctl.Fixtures.repo().resolve("examples/guide-host.yaml")).orThrow().spec());
    }

    /** The files a host has after the plan for {@code spec} on {@code fresh} wrote them. */
    static ConfigFiles converged(Inventory fresh, Spec spec) {
        Plan p = Planner.plan(fresh, TestHosts.freshFiles(), spec, PlanOptions.defaults());
        return after(p, TestHosts.freshFiles());
    }

    /** Files as the plan leaves them: writes, deletes and enabled units. */
    static ConfigFiles after(Plan plan, ConfigFiles before) {
        Map<String, String> changed = new HashMap<>();
        for (FileChange f : plan.files()) changed.put(f.path(), f.after());
        Map<String, String> links = new HashMap<>();
        for (Step s : plan.steps()) {
            if (s instanceof EnableUnit e) links.put(BootUnitsRenderer.wantsLink(e.unit()), "../" + e.unit());
        }
        return before.with(changed).withLinks(links);
    }

    static Inventory vfsInVms(Inventory inv) {
        return TestHosts.withPf(inv, TestHosts.PF0, b -> b.vfs(TestHosts.vfs(TestHosts.PF0, 2, 4, "ovs-sw1pf0vf", "vfio-pci", "c4:70:ff:ff:ff:e")));
    }

    /** Representors under the kernel's names (as on a PVE 9 host where the guide's NAME rule lost). */
    static Inventory defaultNames(Inventory inv) {
        return TestHosts.withPf(inv, TestHosts.PF0, b -> b.vfs(TestHosts.vfs(TestHosts.PF0, 2, 4, "enp129s0f0r", "vfio-pci", "c4:70:ff:ff:ff:e")));
    }

    static Spec spec(String yaml, Inventory inv) {
        var doc = SpecLoader.parse(yaml, "spec.yaml").orThrow();
        List<SpecProblem> problems = SpecValidator.validate(doc, inv);
        assertThat(problems).as(problems.stream().map(SpecProblem::render).toList().toString()).noneMatch(SpecProblem::isError);
        return doc.spec();
    }

    static Pf pf(Inventory inv, String pci) {
        return inv.pf(pci).orElseThrow();
    }

    static EswitchMode mode(Inventory inv, String pci) {
        return pf(inv, pci).eswitchMode();
    }
}
