package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MlxconfigQueryParserTest {

    @Test
    void oldQueryWithOnlyANextBootColumnAndACutLastLine() {
        List<FirmwareConfig> c = MlxconfigQueryParser.parse(Fixtures.body("mlxconfig/mlxconfig-query-connectx3-next-boot-only-partial.txt"));
        assertThat(c).singleElement().satisfies(f -> {
            assertThat(f.deviceType()).isEqualTo("ConnectX3");
            assertThat(f.device()).isEqualTo("/dev/mst/mt4099_pciconf0");
            assertThat(f.columns()).containsExactly("Next Boot");
            assertThat(FirmwareConfig.bool(f.param("SRIOV_EN").orElseThrow().nextBoot())).isTrue();
            assertThat(FirmwareConfig.number(f.param("NUM_OF_VFS").orElseThrow().effective())).isEqualTo(8);
            assertThat(f.param("BOOT_VLAN_EN_P2")).isEmpty(); // value cut by the source
            assertThat(f.hasCurrentColumn()).isFalse();
        });
    }

    @Test
    void grepFilteredLinesWithPromptsGiveLinkTypes() {
        List<FirmwareConfig> c = MlxconfigQueryParser.parse(Fixtures.body("mlxconfig/mlxconfig-query-grep-link-type-cx6-vpi.txt"));
        assertThat(c).hasSize(1);
        assertThat(c.get(0).param("LINK_TYPE_P1").orElseThrow().nextBoot()).isEqualTo("IB(1)");
        assertThat(FirmwareConfig.number("IB(1)")).isEqualTo(1);
    }

    @Test
    void setOutputsReadNextBootAndIgnoreTheNewColumn() {
        List<FirmwareConfig> c = MlxconfigQueryParser.parse(Fixtures.body("mlxconfig/mlxconfig-set-sriov-en-num-of-vfs-link-type-cx6-vpi.txt"));
        assertThat(c).hasSize(3);
        assertThat(c.get(0).columns()).containsExactly("Next Boot", "New");
        assertThat(c.get(0).param("LINK_TYPE_P2").orElseThrow().nextBoot()).isEqualTo("IB(1)");
        assertThat(FirmwareConfig.bool(c.get(1).param("SRIOV_EN").orElseThrow().nextBoot())).isFalse();
        assertThat(FirmwareConfig.number(c.get(2).param("NUM_OF_VFS").orElseThrow().nextBoot())).isZero();
        assertThat(c.get(2).deviceType()).isEqualTo("ConnectX6");
    }

    @Test
    void queryWithDefaultCurrentAndNextBootColumnsInMstflintsLayout() {
        // No real "-e" capture exists in the corpus. Layout from Mellanox/mstflint mlxconfig/mlxcfg_ui.cpp:
        // printOpening ("%-16s%-16s"), printConfHeader ("%-16s%36s%16s%18s" Configurations/Default/Current/Next Boot),
        // printSingleParam ("*        %-36s" when next differs, then "%-16s" per value) and the closing note.
        String text = String.format("%nDevice #1:%n----------%n%n%-16s%-16s%n%-16s%-16s%n%-16s%-16s%n%-16s%-16s%n%n",
                "Device type:", "ConnectX6LX", "Name:", "MCX631102AN-ADA_Ax", "Description:", "ConnectX-6 Lx EN adapter card", "Device:", "0000:81:00.0")
                + String.format("%-16s%36s%16s%18s%n", "Configurations:", "Default", "Current", "Next Boot")
                + String.format("         %-36s%-16s%-16s%-16s%n", "NUM_OF_VFS", "8", "8", "8")
                + String.format("*        %-36s%-16s%-16s%-16s%n", "SRIOV_EN", "True(1)", "False(0)", "True(1)")
                + String.format("         %-36s%-16s%-16s%-16s%n", "LINK_TYPE_P1", "ETH(2)", "ETH(2)", "ETH(2)")
                + "The '*' shows parameters with next value different from default/current value.\n";
        FirmwareConfig f = MlxconfigQueryParser.parse(text).get(0);
        assertThat(f.device()).isEqualTo("0000:81:00.0");
        assertThat(f.columns()).containsExactly("Default", "Current", "Next Boot");
        FirmwareConfig.Param sriov = f.param("SRIOV_EN").orElseThrow();
        assertThat(sriov.changed()).isTrue();
        assertThat(FirmwareConfig.bool(sriov.current())).isFalse();
        assertThat(FirmwareConfig.bool(sriov.nextBoot())).isTrue();
        assertThat(FirmwareConfig.bool(sriov.defaultValue())).isTrue();
        assertThat(FirmwareConfig.number(f.param("NUM_OF_VFS").orElseThrow().current())).isEqualTo(8);
        assertThat(f.params()).hasSize(3);
    }

    @Test
    void mstStatusIsNotAQuery() {
        assertThat(MlxconfigQueryParser.parse(Fixtures.body("mlxconfig/mst-status-cx6-and-bluefield2.txt")))
                .allSatisfy(f -> assertThat(f.params()).isEmpty());
    }
}
