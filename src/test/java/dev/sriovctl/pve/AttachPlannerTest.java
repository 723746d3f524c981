package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.host.SnapshotHost;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttachPlannerTest {

    @TempDir
    Path dir;

    static final PciMapping NET = new PciMapping("network", null, false, List.of(
            "node=pve1,path=0000:81:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=45",
            "node=pve1,path=0000:81:00.3,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=46",
            "node=pve1,path=0000:81:00.4,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=47",
            "node=pve2,path=0000:41:00.2,id=15b3:101e,subsystem-id=15b3:0083,iommugroup=60"), "d");

    static VmUse vm(int id, String node, boolean running, String... conf) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("name", "vm" + id);
        for (String c : conf) o.put(c.substring(0, c.indexOf(':')), c.substring(c.indexOf(':') + 1).strip());
        return new VmUse(new VmRef(id, node, "vm" + id, running ? "running" : "stopped", false), new VmConfig(id, node, o, "d"));
    }

    AttachPlanner.LocalVfs local(String... drivers) {
        Path p = GuideHostSnapshot.write(dir.resolve("host"), "pve1", drivers);
        try (SnapshotHost h = SnapshotHost.open(p)) {
            Inventory inv = InventoryBuilder.build(h);
            return new AttachPlanner.LocalVfs("pve1", inv);
        }
    }

    static AttachPlan plan(AttachRequest r, VmUse target, List<VmUse> others, AttachPlanner.LocalVfs local) {
        List<VmUse> all = new ArrayList<>(others);
        all.add(target);
        return AttachPlanner.plan(r, target, NET, all, local);
    }

    @Test
    void takesTheLowestFreeSlotsAndWritesMappingOnly() {
        VmUse t = vm(100, "pve1", false, "machine: q35", "hostpci0: 0000:d0:13.0", "hostpci2: mapping=gpu");
        AttachPlan p = plan(new AttachRequest(100, "network", 2, true, false), t, List.of(), local());
        assertThat(p.set()).containsExactly(Map.entry("hostpci1", "mapping=network,pcie=1"), Map.entry("hostpci3", "mapping=network,pcie=1"));
        assertThat(p.added()).isEqualTo(2);
        assertThat(p.notes()).isEmpty();
    }

    @Test
    void reRunningIsANoOp() {
        VmUse t = vm(100, "pve1", true, "hostpci0: mapping=network", "hostpci1: mapping=network");
        AttachPlan p = plan(new AttachRequest(100, "network", 2, false, false), t, List.of(), local());
        assertThat(p.noop()).isTrue();
        assertThat(p.already()).isEqualTo(2);
    }

    @Test
    void pcieOnAnExistingSlotOnlyAddsTheFlag() {
        VmUse t = vm(100, "pve1", false, "machine: q35", "hostpci0: mapping=network,rombar=0");
        AttachPlan p = plan(new AttachRequest(100, "network", 1, true, false), t, List.of(), local());
        assertThat(p.set()).containsExactly(Map.entry("hostpci0", "mapping=network,rombar=0,pcie=1"));
        assertThat(p.added()).isZero();
    }

    @Test
    void refusesPcieWithoutQ35() {
        VmUse t = vm(100, "pve1", false, "machine: pc-i440fx-8.1");
        assertThatThrownBy(() -> plan(new AttachRequest(100, "network", 1, true, false), t, List.of(), local()))
                .isInstanceOf(InputException.class).hasMessageContaining("pc-i440fx-8.1").hasMessageContaining("needs q35")
                .hasMessageContaining("qm set 100 --machine q35");
        assertThatThrownBy(() -> plan(new AttachRequest(100, "network", 1, true, false), vm(101, "pve1", false), List.of(), local()))
                .hasMessageContaining("i440fx (the default)");
    }

    @Test
    void refusesWhenVmsOfTheNodeAlreadyTakeTheVfsCountingEveryConfig() {
        VmUse t = vm(100, "pve1", false);
        List<VmUse> others = List.of(vm(101, "pve1", true, "hostpci0: mapping=network", "hostpci1: mapping=network"),
                vm(102, "pve1", false, "hostpci4: mapping=network,pcie=1"),
                vm(200, "pve2", true, "hostpci0: mapping=network")); // another node's VFs
        assertThatThrownBy(() -> plan(new AttachRequest(100, "network", 1, false, false), t, others, local()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("has 3 VFs, 3 already taken by VMs (VM 101 (vm101): 2, VM 102 (vm102): 1), 0 free; VM 100 (vm100) needs 1 more")
                .hasMessageContaining("could not find a free device");
        AttachPlan ok = plan(new AttachRequest(100, "network", 1, false, false), t, others.subList(0, 1), local());
        assertThat(ok.usedOnNode()).isEqualTo(2);
        assertThat(ok.set()).hasSize(1);
    }

    @Test
    void refusesANodeWithoutEntries() {
        assertThatThrownBy(() -> plan(new AttachRequest(300, "network", 1, false, false), vm(300, "pve3", false), List.of(), null))
                .hasMessageContaining("no entry for node pve3").hasMessageContaining("sriovctl pve map --mapping network' on pve3");
    }

    @Test
    void refusesWhenAMappedVfIsBoundToAHostDriver() {
        assertThatThrownBy(() -> plan(new AttachRequest(100, "network", 1, false, false), vm(100, "pve1", false), List.of(),
                local("vfio-pci", "vfio-pci", "mlx5_core", "vfio-pci")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("0000:81:00.4 (mlx5_core, netdev enp129s0f0v2)").hasMessageContaining("take such a VF from the host");
    }

    @Test
    void refusesEntriesThatAreNoVfHere() {
        PciMapping stale = new PciMapping("network", null, false, List.of("node=pve1,path=0000:81:00.7,id=15b3:101e"), "d");
        VmUse t = vm(100, "pve1", false);
        assertThatThrownBy(() -> AttachPlanner.plan(new AttachRequest(100, "network", 1, false, false), t, stale, List.of(t), local()))
                .hasMessageContaining("not VFs on this host: 0000:81:00.7");
    }

    @Test
    void unboundVfsAreFineAndDriversOfAnotherNodeAreNotChecked() {
        assertThat(plan(new AttachRequest(100, "network", 1, false, false), vm(100, "pve1", false), List.of(), local(null, null, null, null)).set()).hasSize(1);
        AttachPlan remote = plan(new AttachRequest(200, "network", 1, false, false), vm(200, "pve2", false), List.of(), local());
        assertThat(remote.notes()).singleElement().asString().contains("VF drivers on pve2 were not checked (this host is pve1)");
    }

    @Test
    void aRunningVmGetsItAsPendingUntilProxmoxStartsIt() {
        AttachPlan p = plan(new AttachRequest(100, "network", 1, false, false), vm(100, "pve1", true), List.of(), local());
        assertThat(p.running()).isTrue();
        assertThat(p.notes()).singleElement().asString().contains("pending change").contains("qm reboot 100")
                .contains("a reboot inside the guest does not apply them");
    }

    @Test
    void refusesTemplatesFullVmsAndBadRequests() {
        VmUse tpl = new VmUse(new VmRef(100, "pve1", "t", "stopped", true), new VmConfig(100, "pve1", Map.of(), "d"));
        assertThatThrownBy(() -> plan(new AttachRequest(100, "network", 1, false, false), tpl, List.of(), local())).hasMessageContaining("template");
        String[] full = new String[16];
        for (int i = 0; i < 16; i++) full[i] = "hostpci" + i + ": 0000:0" + Integer.toHexString(i) + ":00.0";
        assertThatThrownBy(() -> plan(new AttachRequest(100, "network", 1, false, false), vm(100, "pve1", false, full), List.of(), local()))
                .hasMessageContaining("only 0 free hostpci slots");
        assertThatThrownBy(() -> new AttachRequest(100, "network", 17, false, false)).hasMessageContaining("1 to 16");
        assertThatThrownBy(() -> new AttachRequest(99, "network", 1, false, false)).hasMessageContaining("100 to 999999999");
        assertThatThrownBy(() -> new AttachRequest(100, "9net", 1, false, false)).hasMessageContaining("not a valid PVE mapping id");
    }
}
