package dev.sriovctl.plan;

import dev.sriovctl.host.Host;
import dev.sriovctl.render.RenderedFile;

import java.nio.charset.StandardCharsets;

/** Writes a whole file atomically (temporary file, fsync, rename) through {@link Host#writeFile}. */
public record PutFile(String path, String content, int mode) implements Action {

    @Override
    public void apply(Host host) {
        host.writeFile(path, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    @Override
    public String display() {
        return "write " + path + " (mode " + RenderedFile.octal(mode) + ", " + content.lines().count() + " lines)";
    }
}
