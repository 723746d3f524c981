package dev.sriovctl.pve;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PveConnectionTest {

    @Test
    void completesWhatUsersTypeToTheApiBase() {
        assertThat(PveConnection.apiBase("pve1").toString()).isEqualTo("https://pve1:8006/api2/json");
        assertThat(PveConnection.apiBase("pve1.example.com:8443").toString()).isEqualTo("https://pve1.example.com:8443/api2/json");
        assertThat(PveConnection.apiBase("192.0.2.10").toString()).isEqualTo("https://192.0.2.10:8006/api2/json");
        assertThat(PveConnection.apiBase("[2001:db8::1]").toString()).isEqualTo("https://[2001:db8::1]:8006/api2/json");
        assertThat(PveConnection.apiBase("https://pve1:8006/").toString()).isEqualTo("https://pve1:8006/api2/json");
        assertThat(PveConnection.apiBase("https://pve1:8006/api2/json").toString()).isEqualTo("https://pve1:8006/api2/json");
    }

    @Test
    void refusesPlainHttpAndOtherPaths() {
        assertThatThrownBy(() -> PveConnection.apiBase("http://pve1:8006")).hasMessageContaining("unencrypted");
        assertThatThrownBy(() -> PveConnection.apiBase("https://pve1:8006/api2/extjs")).hasMessageContaining("unexpected API path");
        assertThatThrownBy(() -> PveConnection.apiBase("https://user:pw@pve1")).hasMessageContaining("without user");
        assertThatThrownBy(() -> PveConnection.apiBase(" ")).hasMessageContaining("no PVE API address");
    }

    @Test
    void encodesEachPathSegment() {
        assertThat(PveClient.encodePath("/cluster/mapping/pci/network")).isEqualTo("/cluster/mapping/pci/network");
        assertThat(PveClient.encodePath("/cluster/mapping/pci/a b&c")).isEqualTo("/cluster/mapping/pci/a%20b%26c");
    }
}
