package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.HostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.sriovctl.sim.Sims.echo;
import static dev.sriovctl.sim.Sims.numvfs;
import static dev.sriovctl.sim.Sims.read;
import static dev.sriovctl.sim.Sims.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * udev rules executed on the twin (systemd src/udev/udev-rules.c semantics, udev(7) syntax): the
 * rules present in /etc/udev/rules.d decide names, attribute writes and programs.
 */
class UdevTest {

    private static final String PF0 = "0000:81:00.0";
    private static final String RULES = "/etc/udev/rules.d/70-test.rules";

    @TempDir
    Path tmp;

    private static void rules(SimHost h, String text) {
        h.writeFile(RULES, text.getBytes(StandardCharsets.UTF_8), 0644);
    }

    @Test
    void representorsAreNamedByTheRulesPresent() {
        try (SimHost h = Sims.guideLike(tmp)) {
            rules(h, "# representors of this NIC\n"
                    + "SUBSYSTEM==\"net\", ACTION==\"add\", ATTR{phys_switch_id}==\"3264160003bd70c4\", \\\n"
                    + "  ATTR{phys_port_name}==\"pf0vf*\", NAME=\"ovs-sw1$attr{phys_port_name}\"\n");
            run(h, "devlink", "dev", "eswitch", "set", "pci/" + PF0, "mode", "switchdev");
            echo(h, numvfs(PF0), "2");
            assertThat(Sims.net(h, PF0)).containsExactlyInAnyOrder("enp129s0f0np0", "ovs-sw1pf0vf0", "ovs-sw1pf0vf1");
            assertThat(read(h, "/sys/class/net/ovs-sw1pf0vf1/name_assign_type")).isEqualTo("4");
            assertThat(Sims.log(h)).contains("mlx5_core 0000:81:00.0 ovs-sw1pf0vf0: renamed from eth0");
        }
    }

    @Test
    void aFinalNameIsKeptAgainstLaterRules() {
        // udev(7): "Use := to assign a value to a key finally; disallow any later changes" (sriovctl renders NAME:=)
        try (SimHost h = Sims.guideLike(tmp)) {
            rules(h, "SUBSYSTEM==\"net\", ACTION==\"add\", KERNELS==\"" + PF0 + "\", ATTR{phys_port_name}==\"pf0vf0\", NAME:=\"rep-a\"\n"
                    + "SUBSYSTEM==\"net\", ACTION==\"add\", ATTR{phys_port_name}==\"pf0vf*\", NAME=\"rep-b$attr{phys_port_name}\"\n");
            run(h, "devlink", "dev", "eswitch", "set", "pci/" + PF0, "mode", "switchdev");
            echo(h, numvfs(PF0), "2");
            assertThat(Sims.net(h, PF0)).containsExactlyInAnyOrder("enp129s0f0np0", "rep-a", "rep-bpf0vf1");
        }
    }

    @Test
    void aRuleKeyedOnAnotherSwitchIdDoesNotMatch() {
        try (SimHost h = Sims.guideLike(tmp)) {
            rules(h, "SUBSYSTEM==\"net\", ACTION==\"add\", ATTR{phys_switch_id}==\"52ac120003bd70c4\", NAME=\"ovs-$attr{phys_port_name}\"\n");
            run(h, "devlink", "dev", "eswitch", "set", "pci/" + PF0, "mode", "switchdev");
            echo(h, numvfs(PF0), "2");
            assertThat(Sims.net(h, PF0)).containsExactlyInAnyOrder("enp129s0f0np0", "eth0", "eth1");
        }
    }

    @Test
    void anUnreadableAttributeMatchesNeitherEqualNorNotEqual() {
        // udev-rules.c token_match_attr: when the attribute cannot be read the token is false, whatever the operator
        try (SimHost h = Sims.guideLike(tmp)) {
            rules(h, "SUBSYSTEM==\"net\", ACTION==\"add\", ATTR{phys_port_name}!=\"p[0-9]*\", NAME=\"vf-%k\"\n");
            echo(h, numvfs(PF0), "1");
            assertThat(Sims.net(h, "0000:81:00.2")).containsExactly("enp129s0f0v0");
        }
    }

    @Test
    void parentKeysMustAllMatchTheSameDevice() {
        try (SimHost h = Sims.guideLike(tmp)) {
            rules(h, "SUBSYSTEM==\"net\", ACTION==\"add\", KERNELS==\"0000:81:00.1\", DRIVERS==\"mlx5_core\", ATTRS{device}==\"0x101f\", NAME=\"port1\"\n"
                    + "SUBSYSTEM==\"net\", ACTION==\"add\", KERNELS==\"0000:81:00.0\", DRIVERS==\"vfio-pci\", NAME=\"never\"\n");
            run(h, "udevadm", "trigger", "--action=add", "--subsystem-match=net");
            assertThat(Sims.net(h, "0000:81:00.1")).containsExactly("port1");
            assertThat(Sims.net(h, PF0)).containsExactly("enp129s0f0np0");
        }
    }

    @Test
    void attributeAssignmentsWriteAndProgramsRunThroughTheSimulatedCommands() {
        try (SimHost h = Sims.guideLike(tmp)) {
            rules(h, "ACTION==\"add\", SUBSYSTEM==\"pci\", KERNEL==\"0000:81:00.0\", ATTR{sriov_totalvfs}==\"?*\", "
                    + "RUN+=\"/usr/sbin/devlink dev eswitch set pci/%k mode switchdev\", ATTR{sriov_numvfs}=\"3\"\n");
            assertThat(run(h, "udevadm", "control", "--reload").exitCode()).isZero();
            run(h, "udevadm", "trigger", "--action=add", "--subsystem-match=pci", "--attr-match=vendor=0x15b3");
            assertThat(read(h, numvfs(PF0))).isEqualTo("3");
            // RUN+= ran after the attribute write: VFs were bound then, so the driver refused; udev logs it
            assertThat(run(h, "devlink", "dev", "eswitch", "show", "pci/" + PF0).stdout()).contains("mode legacy");
            assertThat(h.journalLines()).anySatisfy(l -> assertThat(l)
                    .contains("0000:81:00.0: Process '/usr/sbin/devlink dev eswitch set pci/0000:81:00.0 mode switchdev' failed with exit code 1."));
        }
    }

    @Test
    void aNameInUseFailsLikeTheKernelAndTheDeviceKeepsItsName() {
        try (SimHost h = Sims.guideLike(tmp)) {
            rules(h, "SUBSYSTEM==\"net\", ACTION==\"add\", ATTR{phys_port_name}==\"pf0vf*\", NAME=\"enp129s0f1np1\"\n");
            run(h, "devlink", "dev", "eswitch", "set", "pci/" + PF0, "mode", "switchdev");
            echo(h, numvfs(PF0), "1");
            assertThat(Sims.net(h, PF0)).contains("eth0");
            assertThat(h.journalLines()).anySatisfy(l -> assertThat(l)
                    .contains("eth0: Failed to rename network interface").endsWith("from 'eth0' to 'enp129s0f1np1': File exists"));
        }
    }

    @Test
    void aRulesFileInEtcReplacesTheDefaultNamingPolicy() {
        try (SimHost h = Sims.guideLike(tmp)) {
            h.writeFile("/etc/udev/rules.d/80-net-setup-link.rules", new byte[0], 0644);
            echo(h, numvfs(PF0), "1");
            assertThat(Sims.net(h, "0000:81:00.2")).containsExactly("eth0");
        }
    }

    @Test
    void anythingBeyondTheSupportedSyntaxIsRefusedWithItsLine() {
        for (String line : List.of("ENV{ID_NET_NAME}==\"x\", NAME=\"y\"", "SUBSYSTEM==\"net\", GOTO=\"end\"",
                "SUBSYSTEM==\"net\", IMPORT{program}=\"/bin/true\"", "SUBSYSTEM==\"net\", RUN:=\"x\"",
                "SUBSYSTEM==\"net\", SYMLINK+=\"x\"", "SUBSYSTEM==\"net\", NAME=\"$env{X}\"", "SUBSYSTEM=\"net\"",
                "TEST==\"/sys/x\", NAME=\"x\"")) {
            assertThatThrownBy(() -> UdevRuleParser.parse("/etc/udev/rules.d/9.rules", "# first\n\n" + line + "\n"))
                    .as(line).isInstanceOf(UdevRuleParser.Refused.class)
                    .hasMessageStartingWith("/etc/udev/rules.d/9.rules:3: ");
        }
        List<UdevRule> ok = UdevRuleParser.parse("x.rules", "KERNEL==\"eth*|ens*\", ATTRS{vendor}!=\"0x8086\", RUN+=\"/bin/x %k\"\n");
        assertThat(ok.get(0).tokens()).hasSize(3);
    }

    @Test
    void refusedRulesFailReloadAndTheOperationThatWouldRunThem() {
        try (SimHost h = Sims.guideLike(tmp)) {
            rules(h, "\nSUBSYSTEM==\"net\", OPTIONS+=\"last_rule\"\n");
            CommandResult r = run(h, "udevadm", "control", "--reload");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).startsWith(RULES + ":2: unsupported key OPTIONS+=");
            assertThatThrownBy(() -> h.writeAttribute(numvfs(PF0), "1"))
                    .isInstanceOf(HostException.class).hasMessageContaining(RULES + ":2");
            // the kernel did change: udev, not the write, refused
            assertThat(read(h, numvfs(PF0))).isEqualTo("1");
        }
    }
}
