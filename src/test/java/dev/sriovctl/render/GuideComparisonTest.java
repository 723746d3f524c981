package dev.sriovctl.render;

import dev.sriovctl.Fixtures;
import dev.sriovctl.TestHosts;
import dev.sriovctl.observe.InterfacesParser;
import dev.sriovctl.plan.FileChange;
import dev.sriovctl.plan.Plan;
import dev.sriovctl.plan.PlanOptions;
import dev.sriovctl.plan.Planner;
import dev.sriovctl.plan.RunCommand;
import dev.sriovctl.plan.SetEswitchMode;
import dev.sriovctl.plan.SetNumVfs;
import dev.sriovctl.plan.SetOvsOtherConfig;
import dev.sriovctl.plan.Step;
import dev.sriovctl.spec.Spec;
import dev.sriovctl.spec.SpecLoader;
import dev.sriovctl.spec.TargetVf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/guide-host.yaml planned on a fresh copy of the guide's host (ConnectX-6 Lx, two ports,
 * 0000:81:00) next to the guide's hand-written files, read from ../shared/guide.txt in place.
 * Everything the guide configures is reproduced; each difference is intended and asserted here
 * (docs/guide.md explains them to the guide's readers).
 */
class GuideComparisonTest {

    static GuideText guide;
    static Plan plan;

    @BeforeAll
    static void planTheGuideHost() {
        guide = GuideText.load();
        Spec spec = SpecLoader.read(Fixtures.repo().resolve("examples/guide-host.yaml")).orThrow().spec();
        plan = Planner.plan(TestHosts.guideFresh(), TestHosts.freshFiles(), spec, PlanOptions.defaults());
    }

    static String rendered(String path) {
        return plan.files().stream().filter(f -> f.path().equals(path)).map(FileChange::after).findFirst()
                .orElseThrow(() -> new AssertionError("not rendered: " + path));
    }

    static Map<String, Map<String, String>> ours() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (InterfacesParser.Stanza s : InterfacesParser.parse(rendered(InterfacesRenderer.PATH)).stanzas()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("method", s.family() + " " + s.method());
            s.options().forEach((k, v) -> m.put(k.replace('-', '_'), String.join(" ", v)));
            out.put(s.name(), m);
        }
        return out;
    }

    @Test
    void theTestHostIsTheGuidesHost() {
        assertThat(guide.text()).contains("81:00.0 Ethernet controller [0200]: Mellanox Technologies MT2894 Family [ConnectX-6 Lx] [15b3:101f]")
                .contains("enp129s0f0np0: renamed from eth2").contains("maxmtu 9978");
        assertThat(TestHosts.pf0Fresh().pci()).isEqualTo("0000:81:00.0");
        assertThat(TestHosts.pf0Fresh().netdev()).isEqualTo("enp129s0f0np0");
        assertThat(TestHosts.pf0Fresh().maxMtu()).isEqualTo(9978);
    }

    /** The guide's /etc/network/interfaces stanzas, reproduced; two differences are intended. */
    @Test
    void pfBondAndBridgeStanzasMatchTheGuideExceptTwoIntendedDifferences() {
        Map<String, Map<String, String>> theirs = GuideText.stanzas(guide.lineWith("auto enp129s0f0np0 iface enp129s0f0np0 inet manual"));
        assertThat(theirs).containsOnlyKeys("enp129s0f0np0", "enp129s0f1np1", "vmbr1", "bond1");
        Map<String, Map<String, String>> ours = ours();
        for (String name : theirs.keySet()) {
            Map<String, String> g = new LinkedHashMap<>(theirs.get(name));
            Map<String, String> o = new LinkedHashMap<>(ours.get(name));
            if (name.equals("vmbr1")) {
                // intended: every representor is listed in ovs_ports, or 'ifreload -a' deletes it from the bridge
                assertThat(o.remove("ovs_ports")).isEqualTo(g.remove("ovs_ports") + " ovs-sw1pf0vf0 ovs-sw1pf0vf1 ovs-sw1pf0vf2 ovs-sw1pf0vf3");
            }
            if (name.equals("bond1")) {
                // intended: lacp-fallback-ab is a Port key, so it goes on the bond; the guide set it on Open_vSwitch
                Set<String> gOpts = new LinkedHashSet<>(Arrays.asList(g.remove("ovs_options").split(" ")));
                Set<String> oOpts = new LinkedHashSet<>(Arrays.asList(o.remove("ovs_options").split(" ")));
                gOpts.add("other_config:lacp-fallback-ab=true");
                assertThat(oOpts).isEqualTo(gOpts);
            }
            assertThat(o).as(name).isEqualTo(g);
        }
    }

    @Test
    void representorStanzasMatchTheGuidesOvsSw1Conf() {
        Map<String, Map<String, String>> theirs = GuideText.stanzas(guide.lineWith("auto ovs-sw1pf0vf0 iface ovs-sw1pf0vf0"));
        assertThat(theirs).containsOnlyKeys("ovs-sw1pf0vf0", "ovs-sw1pf0vf1", "ovs-sw1pf0vf2", "ovs-sw1pf0vf3");
        Map<String, Map<String, String>> ours = ours();
        theirs.forEach((name, g) -> assertThat(ours.get(name)).as(name).isEqualTo(g));
        // intended: one file, /etc/network/interfaces.d/sriovctl, for all of it (the guide splits it over two files it edits by hand)
        assertThat(plan.files()).noneMatch(f -> f.path().startsWith("/etc/network/interfaces.d/ovs-sw1"));
        assertThat(plan.files()).noneMatch(f -> f.path().equals("/etc/network/interfaces"));
    }

    /** The guide's udev rule keys on a switch id its own host did not report; ours key on the PCI address. */
    @Test
    void udevRulesNameTheSameRepresentorsWithoutTheSwitchId() {
        String rules = guide.lineWith("70-persistent-net-vf") + guide.lineWith("ATTR{phys_switch_id}");
        List<String> keyed = guide.all(Pattern.compile("ATTR\\{phys_switch_id\\}==\"([0-9a-f]+)\""), rules);
        List<String> discovered = guide.all(Pattern.compile("switchid ([0-9a-f]+)"), guide.text());
        assertThat(keyed).containsOnly("52ac120003bd70c4");
        assertThat(discovered.get(0)).isEqualTo("3264160003bd70c4"); // in legacy mode, before the rule was written
        assertThat(discovered).contains("52ac120003bd70c4");         // after switchdev: the id changes with the mode
        String ours = rendered(UdevRulesRenderer.path(TestHosts.PF0));
        assertThat(ours).doesNotContain("ATTR{phys_switch_id}").contains("KERNELS==\"0000:81:00.0\"");
        assertThat(guide.all(Pattern.compile("NAME=\"(ovs-sw1)\\$attr\\{phys_port_name\\}\""), rules)).containsExactly("ovs-sw1");
        for (int i = 0; i < 4; i++) {
            assertThat(ours).contains("ATTR{phys_port_name}==\"pf0vf" + i + "\", NAME:=\"ovs-sw1pf0vf" + i + "\"");
            assertThat(guide.text()).contains("ovs-sw1pf0vf" + i + ": <BROADCAST");
        }
    }

    /** The guide runs devlink and sets sriov_numvfs from udev; sriovctl runs ordered, verified steps. */
    @Test
    void modeAndVfCountAreStepsNotUdevSideEffects() {
        String rules = guide.lineWith("ATTR{phys_switch_id}");
        assertThat(rules).contains("RUN+=\"/usr/sbin/devlink dev eswitch set pci/0000:81:00.0 mode switchdev\"")
                .contains("ATTR{device/sriov_numvfs}=\"4\"");
        for (String pf : List.of(TestHosts.PF0, TestHosts.PF1)) {
            assertThat(rendered(UdevRulesRenderer.path(pf))).doesNotContain("RUN").doesNotContain("sriov_numvfs");
        }
        assertThat(plan.steps()).filteredOn(SetEswitchMode.class::isInstance).extracting(s -> ((SetEswitchMode) s).pfPci())
                .containsExactly(TestHosts.PF0, TestHosts.PF1);
        assertThat(plan.steps()).filteredOn(SetNumVfs.class::isInstance).extracting(s -> ((SetNumVfs) s).to()).containsExactly(4);
    }

    /** The guide patches a packaged script; sriovctl keeps the same settings in the OVS database. */
    @Test
    void ovsSettingsLiveInTheDatabaseNotInAPatchedOvsCtl() {
        String patch = guide.lineWith("/usr/share/openvswitch/scripts/ovs-ctl");
        assertThat(patch).contains("other_config:hw-offload=true other_config:tc-policy=skip_sw")
                .contains("set Open_vSwitch . other_config:lacp-fallback-ab=true");
        SetOvsOtherConfig set = plan.steps().stream().filter(SetOvsOtherConfig.class::isInstance).map(SetOvsOtherConfig.class::cast)
                .findFirst().orElseThrow();
        assertThat(set.values()).containsExactlyInAnyOrderEntriesOf(Map.of("hw-offload", "true", "tc-policy", "skip_sw"));
        assertThat(plan.files()).noneMatch(f -> f.path().startsWith("/usr/"));
    }

    /** The guide restarts the server three times; the plan applies everything live and never reboots. */
    @Test
    void noRebootIsPlanned() {
        assertThat(guide.all(Pattern.compile("((?i)restart the server|reboot the server)"), guide.text())).hasSize(3);
        for (Step s : plan.steps()) {
            for (var a : s.actions()) {
                if (a instanceof RunCommand r) assertThat(r.argv().get(0)).isNotIn("reboot", "shutdown", "kexec", "systemctl reboot");
                if (a instanceof RunCommand r && r.argv().get(0).equals("systemctl")) assertThat(r.argv()).doesNotContain("reboot");
            }
        }
        assertThat(plan.steps()).filteredOn(s -> !(s instanceof dev.sriovctl.plan.ReloadUdevRules) && !(s instanceof dev.sriovctl.plan.ReloadSystemd))
                .allSatisfy(s -> assertThat(s.verify()).as(s.kind() + " reads its result back").isNotEmpty());
    }

    @Test
    void theProxmoxMappingOffersTheGuidesFourVfs() {
        assertThat(guide.text()).contains("Name: network").contains("0000:81:00.2").contains("0000:81:00.5");
        assertThat(plan.target().mappings()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("network");
            assertThat(m.vfs()).extracting(TargetVf::pci).containsExactly("0000:81:00.2", "0000:81:00.3", "0000:81:00.4", "0000:81:00.5");
        });
    }
}
