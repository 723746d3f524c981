package dev.sriovctl.observe;

/** Whether the IOMMU is active (groups exist) and how many groups there are; null when unknown. */
public record Iommu(Boolean enabled, Integer groups) {
}
