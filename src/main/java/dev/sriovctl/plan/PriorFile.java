package dev.sriovctl.plan;

import java.util.ArrayList;
import java.util.List;

/** A file as it was before the plan: its content, or null when it did not exist. */
public record PriorFile(String path, String content, int mode) {

    /** The actions that put it back. */
    public Action restore() {
        return content == null ? new RemoveFile(path) : new PutFile(path, content, mode);
    }

    static List<Action> restoreAll(List<PriorFile> files) {
        List<Action> out = new ArrayList<>();
        for (PriorFile f : files) out.add(f.restore());
        return out;
    }
}
