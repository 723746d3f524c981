package dev.sriovctl.pve;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PVE checks for each call sriovctl makes, so a 403 can say which privilege to grant.
 * Taken from the handlers' {@code permissions}: pve-manager PVE/API2/Cluster/Mapping/PCI.pm
 * (POST and DELETE check the parent {@code /mapping/pci}, PUT and GET the id), PVE/API2/Cluster.pm
 * ({@code /cluster/status}: Sys.Audit on /; {@code /cluster/resources}: lists only VMs with
 * VM.Audit), qemu-server PVE/API2/Qemu.pm ({@code check_hostpci_perm}: Mapping.Use on the mapping
 * and VM.Config.HWType on the VM).
 */
final class RequiredPrivileges {
    private RequiredPrivileges() {
    }

    private record Rule(String method, Pattern path, String needs) {
    }

    private static final List<Rule> RULES = List.of(
            rule("GET", "/cluster/mapping/pci", "Mapping.Audit, Mapping.Use or Mapping.Modify on /mapping/pci/<id> (a mapping without any of them is not listed)"),
            rule("GET", "/cluster/mapping/pci/([^/]+)", "Mapping.Audit, Mapping.Use or Mapping.Modify on /mapping/pci/$1"),
            rule("POST", "/cluster/mapping/pci", "Mapping.Modify on /mapping/pci (the parent path: role PVEMappingAdmin on /mapping/pci)"),
            rule("PUT", "/cluster/mapping/pci/([^/]+)", "Mapping.Modify on /mapping/pci/$1 (role PVEMappingAdmin on /mapping/pci covers it)"),
            rule("GET", "/cluster/status", "Sys.Audit on / (role PVEAuditor)"),
            rule("GET", "/cluster/resources", "VM.Audit on /vms/<vmid> for each VM to be seen (role PVEAuditor on /vms)"),
            rule("GET", "/nodes/([^/]+)/qemu/([0-9]+)/config", "VM.Audit on /vms/$2"),
            rule("PUT", "/nodes/([^/]+)/qemu/([0-9]+)/config", "VM.Config.HWType on /vms/$2 and Mapping.Use on /mapping/pci/<mapping> (roles PVEVMAdmin and PVEMappingUser)"),
            rule("POST", "/nodes/([^/]+)/qemu/([0-9]+)/config", "VM.Config.HWType on /vms/$2 and Mapping.Use on /mapping/pci/<mapping> (roles PVEVMAdmin and PVEMappingUser)"));

    private static Rule rule(String method, String path, String needs) {
        return new Rule(method, Pattern.compile(path), needs);
    }

    /** What the call needs, or null when not known. */
    static String of(String method, String path) {
        for (Rule r : RULES) {
            if (!r.method.equals(method)) continue;
            Matcher m = r.path.matcher(path);
            if (m.matches()) return m.replaceFirst(r.needs);
        }
        return null;
    }
}
