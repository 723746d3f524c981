package dev.sriovctl.apply;

/** The closing lines of {@code apply} on a terminal (the steps were printed as they ran). */
public final class ApplyText {
    private ApplyText() {
    }

    public static String render(ApplyResult r) {
        StringBuilder sb = new StringBuilder();
        if (r.recovered() != null && r.runId() == null) sb.append(r.recovered()).append('\n');
        sb.append(r.outcome()).append(": ").append(r.message()).append('\n');
        for (String d : r.differences()) sb.append("  differs from the checkpoint: ").append(d).append('\n');
        for (String e : r.events()) {
            if (e.contains(" undo: ") || e.startsWith("doctor ")) sb.append("  ").append(e).append('\n');
        }
        if (r.runId() != null) sb.append("run ").append(r.runId()).append(", journal ").append(r.journal()).append('\n');
        return sb.toString();
    }
}
