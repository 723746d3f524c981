package dev.sriovctl.verify;

import dev.sriovctl.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCatalogTest {

    private static List<String> catalogIds() {
        return CheckCatalog.all().stream().map(Check::id).toList();
    }

    @Test
    void idsAreUniqueAndKebabCase() {
        assertThat(catalogIds()).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void docsChecksMdListsExactlyTheCataloguesIds() throws IOException {
        String doc = Files.readString(Fixtures.repo().resolve("docs/checks.md"));
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^### ([a-z0-9-]+)").matcher(doc);
        while (m.find()) documented.add(m.group(1));
        assertThat(documented).doesNotHaveDuplicates();
        assertThat(documented).containsExactlyElementsOf(catalogIds());
    }

    @Test
    void everyIdOfDesignSectionFiveIsInTheCatalogue() throws IOException {
        Path design = Fixtures.shared().resolve("DESIGN.md");
        String text = Files.readString(design);
        String table = text.substring(text.indexOf("| id | holds when |"), text.indexOf("## 6."));
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\| ([a-z0-9-]+) \\|").matcher(table);
        while (m.find()) if (!m.group(1).equals("id")) ids.add(m.group(1));
        assertThat(ids).hasSize(27);
        assertThat(catalogIds()).containsAll(ids);
    }

    @Test
    void classNamesFollowTheirIds() {
        for (Check c : CheckCatalog.all()) {
            StringBuilder name = new StringBuilder();
            for (String part : c.id().split("-")) name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            assertThat(c.getClass().getSimpleName()).isEqualTo(name + "Check");
        }
    }

    @Test
    void everyCheckSaysWhatHoldsAndWhatItReads() {
        for (Check c : CheckCatalog.all()) {
            assertThat(c.holdsWhen()).as(c.id()).isNotBlank();
            assertThat(c.reads()).as(c.id()).isNotBlank();
        }
    }

    @Test
    void everyCheckHasAPassingAndAFailingTest() throws IOException {
        // the check tests name the id they run; a check is covered when some test expects PASS and some FAIL (or WARN) of it
        Path tests = Fixtures.repo().resolve("src/test/java/dev/sriovctl/verify");
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(tests)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith("ChecksTest.java")).toList()) all.append(Files.readString(p));
        }
        String text = all.toString();
        for (String id : catalogIds()) {
            assertThat(text).as(id + " is run by a check test").contains("\"" + id + "\"");
            String camel = Pattern.compile("-([a-z0-9])").matcher(id).replaceAll(r -> r.group(1).toUpperCase());
            assertThat(text).as(id + " has a test named for a pass").containsPattern("void " + camel + "[A-Za-z]*Pass");
            assertThat(text).as(id + " has a test named for a failure or warning").containsPattern("void " + camel + "[A-Za-z]*(Fail|Warn|Fires|Names)");
        }
    }
}
