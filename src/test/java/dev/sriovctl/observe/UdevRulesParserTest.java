package dev.sriovctl.observe;

import dev.sriovctl.GuideText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UdevRulesParserTest {

    @Test
    void readsTheGuidesRulesFileWithSwitchIdAndRename() {
        List<UdevRule> rules = UdevRulesParser.parse("/etc/udev/rules.d/70-persistent-net-vf.rules", GuideText.udevRules());
        assertThat(rules).hasSize(4);
        UdevRule first = rules.get(0);
        assertThat(first.match("KERNELS", null).orElseThrow().value()).isEqualTo("0000:81:00.0");
        assertThat(first.assignment("RUN").orElseThrow().value()).isEqualTo("/usr/sbin/devlink dev eswitch set pci/0000:81:00.0 mode switchdev");
        UdevRule rename = rules.get(3);
        assertThat(rename.match("ATTR", "phys_switch_id").orElseThrow().value()).isEqualTo("52ac120003bd70c4");
        assertThat(rename.matches("ATTR", "phys_port_name")).extracting(UdevRule.Key::op).containsExactly("!=", "!=");
        assertThat(rename.assignment("NAME").orElseThrow().value()).isEqualTo("ovs-sw1$attr{phys_port_name}");
        assertThat(rename.location()).isEqualTo("/etc/udev/rules.d/70-persistent-net-vf.rules:7");
    }

    @Test
    void continuationLinesAndCommentsAsUdev7DescribesThem() {
        String text = "# comment\n\nSUBSYSTEM==\"net\", \\\n  ACTION==\"add\", NAME=\"x\"\n";
        List<UdevRule> rules = UdevRulesParser.parse("f.rules", text);
        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.keys()).extracting(UdevRule.Key::text).containsExactly("SUBSYSTEM==\"net\"", "ACTION==\"add\"", "NAME=\"x\"");
        });
    }

    @Test
    void globsAsUdevMatchesThem() {
        assertThat(UdevRulesParser.globMatches("p[0-9]*", "p0")).isTrue();
        assertThat(UdevRulesParser.globMatches("p[0-9]*", "pf0vf0")).isFalse();
        assertThat(UdevRulesParser.globMatches("?*", "")).isFalse();
        assertThat(UdevRulesParser.globMatches("?*", "8")).isTrue();
        assertThat(UdevRulesParser.globMatches("eth0|eth1", "eth1")).isTrue();
        assertThat(UdevRulesParser.globMatches("a.b", "axb")).isFalse();
    }
}
