package dev.sriovctl.sim;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** An entry of the simulated sysfs/procfs: an attribute, a symlink or a directory. */
sealed interface SysNode permits SysNode.Attr, SysNode.Symlink, SysNode.Dir {

    /**
     * An attribute. {@code read} returns null when reading fails (EINVAL/EOPNOTSUPP, e.g. {@code carrier}
     * of a down device or {@code phys_port_name} of a VF netdev); {@code write} is null when read-only.
     */
    record Attr(Supplier<String> read, Consumer<String> write) implements SysNode {
        static Attr of(String value) {
            return new Attr(() -> value, null);
        }

        static Attr line(Object value) {
            return new Attr(() -> value + "\n", null);
        }

        static Attr unreadable() {
            return new Attr(() -> null, null);
        }
    }

    /** A symlink with a relative target, as sysfs makes them. */
    record Symlink(String target) implements SysNode {
    }

    /** A directory whose entries are computed when first looked at. */
    final class Dir implements SysNode {
        private final Supplier<Map<String, SysNode>> entries;
        private Map<String, SysNode> cached;

        Dir(Supplier<Map<String, SysNode>> entries) {
            this.entries = entries;
        }

        Map<String, SysNode> entries() {
            if (cached == null) cached = entries.get();
            return cached;
        }
    }
}
