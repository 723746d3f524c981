package dev.sriovctl.sim;

import java.util.List;

/**
 * One udev rule line: match keys and assignments, in order.
 *
 * @param file the rules file's path, {@code line} its first line (for messages)
 */
record UdevRule(String file, int line, List<Token> tokens) {

    UdevRule {
        tokens = List.copyOf(tokens);
    }

    /**
     * A key, its {@code {attribute}} (ATTR/ATTRS), operator and value.
     * Keys: KERNEL(S), SUBSYSTEM(S), DRIVER(S), ACTION, ATTR(S), NAME, RUN; operators ==, !=, =, +=.
     */
    record Token(String key, String attr, String op, String value) {

        boolean isMatch() {
            return op.equals("==") || op.equals("!=");
        }

        /** Keys matched against the device or one of its parents (the same parent for all of a rule's keys). */
        boolean isParentKey() {
            return key.equals("KERNELS") || key.equals("SUBSYSTEMS") || key.equals("DRIVERS") || key.equals("ATTRS");
        }
    }

    /** The built-in naming step of systemd's 80-net-setup-link.rules, placed in file order. */
    static UdevRule netSetupLink(String file) {
        return new UdevRule(file, 0, List.of(new Token("NET_SETUP_LINK", null, "=", "")));
    }

    boolean isNetSetupLink() {
        return tokens.size() == 1 && tokens.get(0).key().equals("NET_SETUP_LINK");
    }
}
