package dev.sriovctl.observe;

/**
 * One message of the kernel log (or of a journal excerpt), continuation lines joined with a newline.
 *
 * @param number    1-based line number in the output it came from
 * @param timestamp seconds since boot from {@code [  209.847235]}, or null
 * @param device    the PCI address the message names ({@code mlx5_core 0000:d8:00.0:}, {@code pci 0000:81:00.2:}), or null
 * @param text      the message as printed, without the timestamp
 */
public record KernelLogLine(int number, Double timestamp, String device, String text) {

    /** The line as a person reads it in evidence: {@code [209.847835] text} (first line only). */
    public String quote() {
        String first = text.lines().findFirst().orElse("");
        return (timestamp == null ? "" : "[" + timestamp + "] ") + first;
    }
}
