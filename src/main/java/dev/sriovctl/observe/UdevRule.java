package dev.sriovctl.observe;

import java.util.List;
import java.util.Optional;

/**
 * One udev rule (one logical line of a rules file).
 *
 * @param file the rules file it came from
 * @param line the 1-based line where the rule starts
 * @param keys its keys in order: matches ({@code ==}, {@code !=}) and assignments ({@code =}, {@code +=}, ...)
 */
public record UdevRule(String file, int line, List<Key> keys) {

    public UdevRule {
        keys = List.copyOf(keys);
    }

    /**
     * {@code ATTR{phys_switch_id}=="52ac..."} is name {@code ATTR}, attribute {@code phys_switch_id},
     * operator {@code ==}, value {@code 52ac...}; attribute is null for keys without braces.
     */
    public record Key(String name, String attribute, String op, String value) {

        public boolean isMatch() {
            return op.equals("==") || op.equals("!=");
        }

        /** As written in the rule, for evidence. */
        public String text() {
            return name + (attribute == null ? "" : "{" + attribute + "}") + op + "\"" + value + "\"";
        }
    }

    /** The first key with this name (and attribute, when given) and operator class. */
    public Optional<Key> match(String name, String attribute) {
        return keys.stream().filter(k -> k.isMatch() && k.name().equals(name)
                && (attribute == null || attribute.equals(k.attribute()))).findFirst();
    }

    public List<Key> matches(String name, String attribute) {
        return keys.stream().filter(k -> k.isMatch() && k.name().equals(name)
                && (attribute == null || attribute.equals(k.attribute()))).toList();
    }

    public Optional<Key> assignment(String name) {
        return keys.stream().filter(k -> !k.isMatch() && k.name().equals(name)).findFirst();
    }

    /** Where the rule is: {@code /etc/udev/rules.d/70-x.rules:12}. */
    public String location() {
        return file + ":" + line;
    }
}
