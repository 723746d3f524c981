package dev.sriovctl;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Debian packaging files and the launcher (packaging/sriovctl, installed as /usr/bin/sriovctl
 * and run by the repository's ./sriovctl). The launcher is run for real with a stand-in JVM (a
 * script that prints its arguments), so its choices are checked without starting Java.
 */
class PackagingTest {

    @TempDir
    Path tmp;

    private Path jvm;
    private Path cds;

    private static Path repo(String relative) {
        return Fixtures.repo().resolve(relative);
    }

    @BeforeEach
    void fakeJvm() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh here");
        jvm = tmp.resolve("jvm");
        Files.createDirectories(jvm.resolve("bin"));
        Path java = jvm.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(jvm.resolve("release"), "IMPLEMENTOR=\"Debian\"\nJAVA_RUNTIME_VERSION=\"17.0.15+6-Debian-1deb12u1\"\nJAVA_VERSION=\"17.0.15\"\n");
        cds = tmp.resolve("cds");
        Files.createDirectories(cds);
    }

    private record Run(int exit, List<String> args, String err) {
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(repo("packaging/sriovctl").toString());
        pb.command().addAll(List.of(args));
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("JAVA_HOME", jvm.toString());
        pb.environment().put("SRIOVCTL_JAR", "/opt/x/sriovctl.jar");
        pb.environment().put("SRIOVCTL_CDS_DIR", cds.toString());
        pb.environment().putAll(env);
        pb.redirectError(tmp.resolve("err").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Run(exit, out.isEmpty() ? List.of() : List.of(out.split("\n")),
                Files.readString(tmp.resolve("err")));
    }

    @Test
    void passesTheArchiveMadeForThisJvmBuild() throws Exception {
        Path jsa = cds.resolve("sriovctl-17.0.15+6-Debian-1deb12u1.jsa");
        Files.writeString(jsa, "x");
        Run r = launch(Map.of(), "discover", "-o", "json");
        assertThat(r.exit()).isZero();
        assertThat(r.args()).containsSubsequence("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-XX:SharedArchiveFile=" + jsa, "-jar", "/opt/x/sriovctl.jar", "discover", "-o", "json");
        assertThat(r.args()).startsWith("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m", "-XX:-UsePerfData");
    }

    @Test
    void versionAloneRunsWithTheJdksOwnArchive() throws Exception {
        Files.writeString(cds.resolve("sriovctl-17.0.15+6-Debian-1deb12u1.jsa"), "x");
        assertThat(launch(Map.of(), "--version").args()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        assertThat(launch(Map.of(), "discover", "--version").args()).anyMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void withoutAnArchiveForThisJvmRunsWithoutOne() throws Exception {
        Files.writeString(cds.resolve("sriovctl-21.0.5+11-Debian-1.jsa"), "x");
        Run r = launch(Map.of(), "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.args()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-Xshare"));
        assertThat(r.args()).endsWith("-jar", "/opt/x/sriovctl.jar", "--version");
    }

    @Test
    void cdsOffAndOwnJvmOptionsAreHonoured() throws Exception {
        Files.writeString(cds.resolve("sriovctl-17.0.15+6-Debian-1deb12u1.jsa"), "x");
        Run r = launch(Map.of("SRIOVCTL_CDS", "off", "SRIOVCTL_JAVA_OPTS", "-Xmx64m -Xint"), "--version");
        assertThat(r.args()).containsExactly("-Xmx64m", "-Xint", "-jar", "/opt/x/sriovctl.jar", "--version");
    }

    @Test
    void aJvmVersionThatIsNotAFileNameIsIgnored() throws Exception {
        Files.writeString(jvm.resolve("release"), "JAVA_RUNTIME_VERSION=\"../../etc/x\"\n");
        Run r = launch(Map.of(), "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.args()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void argumentsWithSpacesArriveIntact() throws Exception {
        Run r = launch(Map.of(), "discover", "--snapshot", "/tmp/a b/c");
        assertThat(r.args()).endsWith("--snapshot", "/tmp/a b/c");
    }

    @Test
    void withoutJavaSaysWhatToInstallAndExitsThree() throws Exception {
        Run r = launch(Map.of("JAVA_HOME", tmp.resolve("nowhere").toString(), "PATH", tmp.toString()), "--version");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("no Java runtime found").contains("default-jre-headless");
    }

    @Test
    void theRepositoryLauncherRunsThePackagedOne() throws IOException {
        String repoLauncher = Files.readString(repo("sriovctl"));
        // one launcher, so the JVM options and the archive logic cannot drift apart
        assertThat(repoLauncher).contains("exec \"$here/packaging/sriovctl\"").doesNotContain("-XX:");
    }

    private static Map<String, String> unit(String name) throws IOException {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(repo("packaging/deb/" + name))) {
            if (line.startsWith("#") || !line.contains("=")) continue;
            keys.merge(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1), (a, b) -> a + " " + b);
        }
        return keys;
    }

    @Test
    void thePreUnitRunsBeforeAnyNetworkConfiguration() throws IOException {
        Map<String, String> u = unit("sriovctl-pre.service");
        assertThat(u).containsEntry("DefaultDependencies", "no")
                .containsEntry("Wants", "network-pre.target")
                .containsEntry("ConditionPathExists", "/etc/sriovctl/spec.yaml")
                .containsEntry("ExecStart", "/usr/bin/sriovctl apply --boot-phase pre -f /etc/sriovctl/spec.yaml")
                .containsEntry("Type", "oneshot");
        assertThat(u.get("Before").split(" ")).contains("network-pre.target");
        assertThat(u.get("After").split(" ")).contains("systemd-udev-settle.service", "local-fs.target");
    }

    @Test
    void thePostUnitRunsAfterNetworkingAndOpenVswitch() throws IOException {
        Map<String, String> u = unit("sriovctl-post.service");
        assertThat(u.get("After").split(" ")).contains("networking.service", "openvswitch-switch.service");
        assertThat(u).containsEntry("ConditionPathExists", "/etc/sriovctl/spec.yaml")
                .containsEntry("ExecStart", "/usr/bin/sriovctl apply --boot-phase post -f /etc/sriovctl/spec.yaml")
                .containsEntry("Before", "pve-guests.service");
    }

    @Test
    void theControlFileDeclaresTheJavaRuntimeAndRecommendations() throws IOException {
        String control = Files.readString(repo("packaging/deb/control"));
        assertThat(control).contains("\nDepends: default-jre-headless (>= 2:1.17) | java17-runtime-headless\n",
                "\nRecommends: openvswitch-switch, pciutils\n", "\nSection: net\n", "\nPriority: optional\n",
                "\nArchitecture: all\n");
    }

    @Test
    void theChangelogHasAnEntryForThisVersion() throws IOException {
        Matcher pom = Pattern.compile("<artifactId>sriovctl</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(repo("pom.xml")));
        assertThat(pom.find()).isTrue();
        String first = Files.readAllLines(repo("packaging/deb/changelog")).get(0);
        assertThat(first).as("packaging/deb/changelog needs an entry for " + pom.group(1))
                .startsWith("sriovctl (" + pom.group(1) + "-");
    }
}
