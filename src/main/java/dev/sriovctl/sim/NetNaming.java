package dev.sriovctl.sim;

import dev.sriovctl.observe.PciAddress;

import java.util.Optional;

/**
 * The names systemd-udevd gives netdevs by path ({@code 80-net-setup-link.rules}, NamePolicy
 * "keep kernel database onboard slot path"), following systemd src/udev/udev-builtin-net_id.c:
 * {@code en} + {@code P<domain>} (non-zero domain) + {@code p<bus>s<slot>} + {@code f<function>} (multi-function
 * device) + a port specifier: {@code n<phys_port_name>} for a PF (enp129s0f0np0), {@code v<N>} for a VF
 * netdev (enp129s0f0v0), and for a VF representor {@code n<phys_port_name>} before naming scheme v255
 * (enp129s0f0npf0vf0) or {@code r<N>} from v255 on (NAMING_SR_IOV_R: enp129s0f0r0). A name longer than
 * IFNAMSIZ-1 (15) cannot be applied, so the kernel name (eth5) stays: that is why Debian 12 hosts keep
 * eth names on representors of a NIC at bus 0x81.
 */
final class NetNaming {
    private NetNaming() {
    }

    static final int IFNAMSIZ_MAX = 15;

    /** {@code enp129s0f0} for 0000:81:00.0 on a multi-function device. */
    static String prefix(String pci, boolean multifunction) {
        PciAddress a = PciAddress.parse(pci);
        StringBuilder sb = new StringBuilder("en");
        if (a.domain() > 0) sb.append('P').append(a.domain());
        sb.append('p').append(a.bus()).append('s').append(a.device());
        if (multifunction) sb.append('f').append(a.function());
        return sb.toString();
    }

    static Optional<String> pf(String pci, boolean multifunction, String physPortName) {
        String p = prefix(pci, multifunction);
        return fit(physPortName == null ? p : p + "n" + physPortName);
    }

    static Optional<String> vf(String pfPci, boolean multifunction, int vf) {
        return fit(prefix(pfPci, multifunction) + "v" + vf);
    }

    static Optional<String> representor(String pfPci, boolean multifunction, String physPortName, int vf, int systemd) {
        String p = prefix(pfPci, multifunction);
        return fit(systemd >= 255 ? p + "r" + vf : p + "n" + physPortName);
    }

    static Optional<String> fit(String name) {
        return name.length() <= IFNAMSIZ_MAX ? Optional.of(name) : Optional.empty();
    }

    /** A name the kernel accepts (dev_valid_name): 1..15 bytes, not "." or "..", no '/', ':' or whitespace. */
    static boolean valid(String name) {
        if (name.isEmpty() || name.length() > IFNAMSIZ_MAX || name.equals(".") || name.equals("..")) return false;
        for (char c : name.toCharArray()) {
            if (c == '/' || c == ':' || Character.isWhitespace(c)) return false;
        }
        return true;
    }
}
