package dev.sriovctl.observe;

/**
 * One queueing discipline from {@code tc -j qdisc show}.
 *
 * @param ingressBlock the shared block id ({@code ingress_block}) OVS uses on bond members, or null
 */
public record Qdisc(String dev, String kind, String handle, String parent, boolean root, Integer ingressBlock) {

    /** An ingress hook TC offload can attach filters to: {@code ingress} or {@code clsact}. */
    public boolean isIngress() {
        return "ingress".equals(kind) || "clsact".equals(kind);
    }
}
