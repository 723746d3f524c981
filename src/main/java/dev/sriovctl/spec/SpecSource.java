package dev.sriovctl.spec;

/** The file a spec was read from (as the user named it) and its exact text. */
public record SpecSource(String file, String text) {
}
