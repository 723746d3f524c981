package dev.sriovctl.plan;

import dev.sriovctl.host.Host;

/** Removes a file (absent is fine). */
public record RemoveFile(String path) implements Action {

    @Override
    public void apply(Host host) {
        host.deleteFile(path);
    }

    @Override
    public String display() {
        return "rm -f " + path;
    }
}
