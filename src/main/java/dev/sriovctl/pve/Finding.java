package dev.sriovctl.pve;

import java.util.Locale;

/**
 * One result of a Proxmox check, in the shape of DESIGN section 5 ({@code id, subject, status,
 * evidence, fix}); the doctor turns it into its own check result.
 */
public record Finding(String id, Status status, String subject, String evidence, String fix) {

    public enum Status {
        PASS, WARN, FAIL, SKIP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String MAPPING_MATCHES = "pve-mapping-matches";
    public static final String SINGLE_ASSIGNMENT = "vf-single-assignment";
}
