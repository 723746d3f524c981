package dev.sriovctl.plan;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.diff("a", "b", "x\ny\n", "x\ny\n")).isEmpty();
    }

    @Test
    void aNewFileIsOneHunkFromLineZero() {
        assertThat(UnifiedDiff.diff("/dev/null", "f", "", "a\nb\n")).isEqualTo("""
                --- /dev/null
                +++ f
                @@ -0,0 +1,2 @@
                +a
                +b
                """);
    }

    @Test
    void aChangedLineShowsThreeLinesOfContextLikeDiffU() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertThat(UnifiedDiff.diff("a", "b", before, after)).isEqualTo("""
                --- a
                +++ b
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void distantChangesMakeTwoHunks() {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append(i).append('\n');
            b.append(i == 2 ? "two" : i == 19 ? "nineteen" : Integer.toString(i)).append('\n');
        }
        String d = UnifiedDiff.diff("a", "b", a.toString(), b.toString());
        assertThat(d.lines().filter(l -> l.startsWith("@@"))).containsExactly("@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@");
    }

    @Test
    void countsAddedAndRemovedLines() {
        assertThat(UnifiedDiff.counts("a\nb\nc\n", "a\nc\nd\ne\n")).isEqualTo(new UnifiedDiff.Counts(2, 1));
    }

    /** Applying the diff's hunks to the old text gives the new text, for any pair of texts. */
    @Property(tries = 300)
    void patchingTheOldTextWithTheDiffGivesTheNewText(@ForAll @Size(max = 12) List<@IntRange(max = 4) Integer> a,
                                                      @ForAll @Size(max = 12) List<@IntRange(max = 4) Integer> b) {
        String oldText = text(a);
        String newText = text(b);
        String diff = UnifiedDiff.diff("a", "b", oldText, newText);
        assertThat(apply(oldText, diff)).isEqualTo(newText);
    }

    private static String text(List<Integer> xs) {
        StringBuilder sb = new StringBuilder();
        for (int x : xs) sb.append("line").append(x).append('\n');
        return sb.toString();
    }

    /** A minimal patch(1) for unified diffs without fuzz. */
    private static String apply(String old, String diff) {
        if (diff.isEmpty()) return old;
        List<String> src = UnifiedDiff.lines(old);
        List<String> out = new ArrayList<>();
        int pos = 0;
        for (String l : diff.split("\n")) {
            if (l.startsWith("---") || l.startsWith("+++")) continue;
            if (l.startsWith("@@")) {
                String oldRange = l.split(" ")[1].substring(1);
                int start = Integer.parseInt(oldRange.split(",")[0]);
                int count = oldRange.contains(",") ? Integer.parseInt(oldRange.split(",")[1]) : 1;
                int firstOld = count == 0 ? start : start - 1;
                while (pos < firstOld) out.add(src.get(pos++));
                continue;
            }
            char c = l.charAt(0);
            if (c == ' ') {
                out.add(src.get(pos++));
            } else if (c == '-') {
                pos++;
            } else if (c == '+') {
                out.add(l.substring(1));
            }
        }
        while (pos < src.size()) out.add(src.get(pos++));
        StringBuilder sb = new StringBuilder();
        for (String s : out) sb.append(s).append('\n');
        return sb.toString();
    }
}
