package dev.sriovctl.render;

import dev.sriovctl.Fixtures;
import dev.sriovctl.TestHosts;
import dev.sriovctl.observe.Iommu;
import dev.sriovctl.spec.SpecLoader;
import dev.sriovctl.spec.SpecSource;
import dev.sriovctl.spec.Target;
import dev.sriovctl.spec.TargetResolver;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RenderersTest {

    static Target target(String yaml) {
        return TargetResolver.resolve(SpecLoader.parse(yaml, "t.yaml").orThrow().spec(), TestHosts.guideFresh());
    }

    static Target guide() throws Exception {
        return target(Files.readString(Fixtures.repo().resolve("examples/guide-host.yaml")));
    }

    @Test
    void everyRenderedFileCarriesTheManagedHeader() throws Exception {
        Target t = guide();
        List<RenderedFile> all = new java.util.ArrayList<>(UdevRulesRenderer.render(t));
        all.add(InterfacesRenderer.render(t));
        all.addAll(BootUnitsRenderer.render(t, "/usr/bin/sriovctl"));
        assertThat(all).allSatisfy(f -> assertThat(f.content()).startsWith("# managed by sriovctl"));
        assertThat(all).extracting(RenderedFile::path).doesNotHaveDuplicates().noneMatch(p -> p.startsWith("/usr/") || p.startsWith("/lib/"));
    }

    @Test
    void udevRulesAreOneFilePerPfKeyedOnPciAddressAndPortName() throws Exception {
        List<RenderedFile> files = UdevRulesRenderer.render(guide());
        assertThat(files).extracting(RenderedFile::path).containsExactly(
                "/etc/udev/rules.d/71-sriovctl-0000:81:00.0.rules", "/etc/udev/rules.d/71-sriovctl-0000:81:00.1.rules");
        String pf0 = files.get(0).content();
        List<String> rules = pf0.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(rules).hasSize(5).allSatisfy(r -> assertThat(r).contains("KERNELS==\"0000:81:00.0\"").contains("NAME:=")
                .doesNotContain("phys_switch_id").doesNotContain("RUN").doesNotContain("PROGRAM").doesNotContain("IMPORT"));
        // the PF rule cannot match a representor (nic-configuration-operator #474): p[0-9]* needs a digit after 'p'
        assertThat(rules.get(0)).contains("ATTR{phys_port_name}==\"p[0-9]*\", NAME:=\"enp129s0f0np0\"");
        assertThat(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:p[0-9]*").matches(java.nio.file.Path.of("pf0vf0"))).isFalse();
        assertThat(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:p[0-9]*").matches(java.nio.file.Path.of("p0"))).isTrue();
    }

    @Test
    void aCustomTemplateExpandsAtRenderTime() {
        Target t = target("version: 1\nnics:\n  - name: a\n    representor-name: \"{pf}r{vf}\"\n    ports:\n      - {pf: enp129s0f0np0, vfs: 2}\n");
        assertThat(UdevRulesRenderer.render(t).get(0).content()).contains("NAME:=\"enp129s0f0np0r1\"");
    }

    @Test
    void vfLagBondIsALinuxBondThatIsAnOvsPort() {
        Target t = target("""
                version: 1
                nics:
                  - name: sw1
                    ports:
                      - {pf: enp129s0f0np0, vfs: 2}
                      - {pf: enp129s0f1np1, vfs: 0}
                bridges:
                  - name: vmbr1
                    bond: {name: bond1, type: vf-lag, members: [sw1/p0, sw1/p1], mode: active-backup}
                    other-config: {mac-table-size: "8192"}
                """);
        String s = InterfacesRenderer.render(t).content();
        assertThat(s).contains("auto bond1\niface bond1 inet manual\n\tbond-slaves enp129s0f0np0 enp129s0f1np1\n\tbond-mode active-backup\n"
                + "\tbond-miimon 100\n\tovs_type OVSPort\n\tovs_bridge vmbr1\n");
        assertThat(s).doesNotContain("bond-lacp-rate").doesNotContain("bond-xmit-hash-policy");
        // bridge other_config through ovs_extra: ifupdown2 clears it after applying ovs_options (ifupdown2#344)
        assertThat(s).contains("\tovs_extra set bridge vmbr1 other_config:mac-table-size=8192\n").doesNotContain("ovs_options other_config");
        assertThat(s).contains("\tovs_ports bond1\n");
    }

    @Test
    void bootUnitsRunBeforeNetworkPreAndAfterNetworkingAndOvs() throws Exception {
        List<RenderedFile> f = BootUnitsRenderer.render(guide(), "/usr/bin/sriovctl");
        String pre = f.get(1).content();
        String post = f.get(2).content();
        assertThat(pre).contains("DefaultDependencies=no\n").contains("Before=network-pre.target ")
                .contains("After=systemd-udev-settle.service systemd-udev-trigger.service sys-subsystem-net-devices-enp129s0f0np0.device")
                .contains("ExecStart=/usr/bin/sriovctl apply --boot-phase pre -f /etc/sriovctl/spec.yaml\n");
        assertThat(post).contains("After=sriovctl-pre.service networking.service openvswitch-switch.service\n")
                .contains("--boot-phase post").doesNotContain("DefaultDependencies");
        assertThat(pre + post).contains(BootUnitsRenderer.RESULT_FILE);
    }

    @Test
    void theSpecCopyIsStableWhenTheCopyItselfIsApplied() {
        RenderedFile first = BootUnitsRenderer.specCopy(new SpecSource("/root/host.yaml", "version: 1\n"));
        RenderedFile again = BootUnitsRenderer.specCopy(new SpecSource("/etc/sriovctl/spec.yaml", first.content()));
        assertThat(again.content()).isEqualTo(first.content());
    }

    @Test
    void deviceUnitNamesAreEscapedLikeSystemdEscape() {
        assertThat(BootUnitsRenderer.deviceUnit("enp129s0f0np0")).isEqualTo("sys-subsystem-net-devices-enp129s0f0np0.device");
        assertThat(BootUnitsRenderer.deviceUnit("ovs-sw1")).isEqualTo("sys-subsystem-net-devices-ovs\\x2dsw1.device");
    }

    @Test
    void kernelCommandLineAdviceIsOnlyGivenWhenSomethingIsMissing() {
        assertThat(KernelCmdlineAdvice.advise(new Iommu(true, 87), "ro quiet amd_iommu=on iommu=pt")).isEmpty();
        assertThat(KernelCmdlineAdvice.advise(new Iommu(false, 0), "ro quiet")).first().asString()
                .startsWith("required for passing VFs to VMs").contains("intel_iommu=on").contains("iommu=pt");
        assertThat(KernelCmdlineAdvice.advise(new Iommu(true, 87), "ro quiet")).first().asString().startsWith("recommended")
                .doesNotContain("intel_iommu");
    }
}
