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
        assertThat(UdevRulesParser.globMatches("", "")).isTrue();
        assertThat(UdevRulesParser.globMatches("a|b*", "bc")).isTrue();
        assertThat(UdevRulesParser.globMatches("[!0-9]x", "ax")).isTrue();
        assertThat(UdevRulesParser.globMatches("[!0-9]x", "1x")).isFalse();
        assertThat(UdevRulesParser.globMatches("a\\*", "a*")).isTrue();
        assertThat(UdevRulesParser.globMatches("a\\*", "ab")).isFalse();
    }

    @Test
    void onlyAnEscapedQuoteIsUnescapedInAPlainValue() {
        // udev-rules.c udev_rule_parse_value: a plain "..." value knows only \" as an escape
        UdevRulesParser.Scan s = UdevRulesParser.scan("RUN+=\"/bin/sh -c \\\"echo a\\\\b\\\"\"");
        assertThat(s.unreadAt()).isEqualTo(-1);
        assertThat(s.keys()).singleElement().extracting(UdevRule.Key::value).isEqualTo("/bin/sh -c \"echo a\\\\b\"");
    }

    @Test
    void readingStopsAtTextThatIsNotAKey() {
        UdevRulesParser.Scan s = UdevRulesParser.scan("SUBSYSTEM==\"net\", NAME=e\"x\", ACTION==\"add\"");
        assertThat(s.keys()).extracting(UdevRule.Key::text).containsExactly("SUBSYSTEM==\"net\"");
        assertThat(s.unreadAt()).isEqualTo(18);
        assertThat(UdevRulesParser.scan("KERNEL==\"eth0").unreadAt()).isZero();
        // the lenient parse keeps the keys read before
        assertThat(UdevRulesParser.parse("f.rules", "SUBSYSTEM==\"net\", junk\n").get(0).keys()).hasSize(1);
    }

    @Test
    void continuationsAreJoinedWithoutTheirLeadingBlanks() {
        List<UdevRulesParser.Line> lines = UdevRulesParser.lines("A==\"1\",\\\n    B==\"2\"\n# c\nC==\"3\"\n");
        assertThat(lines).containsExactly(new UdevRulesParser.Line(1, "A==\"1\",B==\"2\""), new UdevRulesParser.Line(4, "C==\"3\""));
    }
}
