package dev.sriovctl.observe;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DevlinkEswitchParserTest {

    @Test
    void switchdevAndLegacyLinesWithInlineMode() {
        List<DevlinkEswitchParser.Eswitch> e = DevlinkEswitchParser.parse(Fixtures.body("devlink/eswitch-show-mlx5-cx4lx-switchdev-and-legacy.txt"));
        assertThat(e).containsExactly(
                new DevlinkEswitchParser.Eswitch("pci/0000:01:00.0", EswitchMode.SWITCHDEV, "link", "basic"),
                new DevlinkEswitchParser.Eswitch("pci/0000:01:00.1", EswitchMode.LEGACY, "none", "basic"));
    }

    @Test
    void promptLinesOfAProxmoxSessionAreSkipped() {
        List<DevlinkEswitchParser.Eswitch> e = DevlinkEswitchParser.parse(Fixtures.body("devlink/eswitch-show-proxmox-cx6-switchdev-inline-none.txt"));
        assertThat(e).extracting(DevlinkEswitchParser.Eswitch::device).containsExactly("pci/0000:0f:00.0", "pci/0000:92:00.0");
        assertThat(e).allSatisfy(x -> assertThat(x.mode()).isEqualTo(EswitchMode.SWITCHDEV));
    }

    @Test
    void lspciLinesAfterTheDevlinkLinesAreIgnored() {
        List<DevlinkEswitchParser.Eswitch> e = DevlinkEswitchParser.parse(Fixtures.body("devlink/eswitch-show-cx4lx-legacy-then-switchdev-opennebula.txt"));
        assertThat(e).extracting(DevlinkEswitchParser.Eswitch::mode).containsExactly(EswitchMode.LEGACY, EswitchMode.SWITCHDEV);
    }

    @Test
    void jsonFormAsIproute2PrintsIt() {
        // devlink -j dev eswitch show (iproute2 devlink/devlink.c pr_out_eswitch); no JSON capture is in the corpus
        List<DevlinkEswitchParser.Eswitch> e = DevlinkEswitchParser.parse(
                "{\"dev\":{\"pci/0000:81:00.0\":{\"mode\":\"switchdev\",\"inline-mode\":\"none\",\"encap-mode\":\"basic\"}}}\n");
        assertThat(e).containsExactly(new DevlinkEswitchParser.Eswitch("pci/0000:81:00.0", EswitchMode.SWITCHDEV, "none", "basic"));
    }

    @Test
    void portShowOutputIsNotAnEswitch() {
        assertThat(DevlinkEswitchParser.parse(Fixtures.body("devlink/mlx5-auxiliary-handle-port-show-iproute2-2023.txt"))).isEmpty();
    }
}
